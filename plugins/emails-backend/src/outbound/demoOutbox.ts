import { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { DemoOutboxConfig } from '../config';
import { DEMO_SETUP_ACTOR } from '../mail/push';
import { MailServerService } from '../servers/MailServerService';

const MAX_BYTES = 30 * 1024 * 1024;

/**
 * The local portal's SMTP sink: accepts every message on a loopback address
 * and saves it as `<time>-<id>.eml` in the directory, so a developer can open
 * what the channel sent. Nothing is relayed anywhere.
 */
export async function startDemoOutbox(
  config: DemoOutboxConfig,
  logger: LoggerService,
): Promise<{ port: number; directory: string; stop(): Promise<void> }> {
  const directory = resolve(config.directory);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_BYTES,
    logger: false,
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(new Error('Message too large for the demo outbox'));
          return;
        }
        const name = `${new Date()
          .toISOString()
          .replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
        try {
          await writeFile(join(directory, name), Buffer.concat(chunks), {
            mode: 0o600,
          });
          const to = session.envelope.rcptTo.map(r => r.address).join(', ');
          logger.info(`Demo outbox: mail to ${to} saved as ${name}`);
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(config.port, config.host, () => ok());
  });
  const port = (server.server.address() as { port: number }).port;
  logger.info(
    `Demo outbox listening on ${config.host}:${port}, saving mail in ${directory}`,
  );
  return {
    port,
    directory,
    stop: () => new Promise(done => server.close(() => done())),
  };
}

/**
 * When no outgoing server exists, adds the primary "Demo outbox" sending to
 * the sink; an admin's own servers are never touched.
 */
export async function ensureDemoOutgoingServer(options: {
  servers: Pick<MailServerService, 'list' | 'create'>;
  config: DemoOutboxConfig;
  port: number;
  logger: LoggerService;
}): Promise<'created' | 'exists'> {
  if ((await options.servers.list()).length > 0) return 'exists';
  await options.servers.create(
    {
      name: 'Demo outbox',
      email: options.config.email,
      protocol: 'smtp',
      host: options.config.host,
      port: options.port,
      security: 'none',
      authNeeded: false,
      primary: true,
    },
    { actor: DEMO_SETUP_ACTOR },
  );
  options.logger.info(
    `Added the primary outgoing server "Demo outbox" (${options.config.host}:${options.port})`,
  );
  return 'created';
}
