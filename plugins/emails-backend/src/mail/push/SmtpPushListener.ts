import { LoggerService } from '@backstage/backend-plugin-api';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SmtpPushConfig } from '../../config';
import { MailServerStore, ServerHealthStore } from '../../database';
import { Ingest } from '../../ingest/types';
import { PushRecipients, storedPushRecipients } from './pushRecipients';
import { PushSession } from './pushSession';
import { SessionLimits } from './sessionLimits';

/** What {@link startSmtpPushListener} needs. */
export interface SmtpPushListenerOptions {
  config: SmtpPushConfig;
  ingest: Ingest;
  logger: LoggerService;
  /** The incoming servers, whose smtp-push addresses are accepted, and their health. */
  stores: { incomingServers: MailServerStore; health?: ServerHealthStore };
  /** For tests: another way to find recipients. */
  recipients?: PushRecipients;
}

/** A running listener. */
export interface SmtpPushListener {
  /** The port it listens on (useful with port 0). */
  port: number;
  /** Stops accepting, lets open sessions finish briefly, waits for processing started. */
  stop(): Promise<void>;
}

function createServer(config: SmtpPushConfig, handlers: PushSession) {
  return new SMTPServer({
    lmtp: config.lmtp,
    banner: 'emails support channel',
    size: config.maxMessageBytes,
    rejectOversized: true,
    authOptional: !config.auth,
    authMethods: ['PLAIN', 'LOGIN'],
    // No certificate is configured: plain text, for loopback or a trusted network.
    disabledCommands: config.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    disableReverseLookup: true,
    logger: false,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    maxRecipients: 100,
    // Not smtp-server's maxClients: SessionLimits answers in onConnect, naming the setting.
    onConnect: (session, cb) => handlers.onConnect(session, cb),
    onClose: session => handlers.onClose(session),
    onAuth: (auth, session, cb) => handlers.onAuth(auth, session, cb),
    onRcptTo: (address, session, cb) => handlers.onRcptTo(address, session, cb),
    onData: (stream, session, cb) => handlers.onData(stream, session, cb),
  });
}

function listen(server: SMTPServer, config: SmtpPushConfig): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.server.removeListener('error', reject);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
}

/** Starts the SMTP (or LMTP) listener for smtp-push incoming servers. */
export async function startSmtpPushListener(
  options: SmtpPushListenerOptions,
): Promise<SmtpPushListener> {
  const { config, logger } = options;
  const limits = new SessionLimits({ config, logger });
  const handlers = new PushSession({
    config,
    logger,
    limits,
    ingest: options.ingest,
    health: options.stores.health,
    recipients:
      options.recipients ??
      storedPushRecipients(options.stores.incomingServers),
  });
  const server = createServer(config, handlers);
  limits.attach(server);
  server.on('error', error => logger.warn(`SMTP push: ${error}`));
  const port = await listen(server, config);
  const protocol = config.lmtp ? 'LMTP' : 'SMTP';
  const auth = config.auth ? ', AUTH required' : '';
  logger.info(
    `SMTP push listening on ${config.host}:${port} (${protocol}${auth})`,
  );
  return {
    port,
    async stop() {
      await new Promise<void>(resolve => server.close(() => resolve()));
      limits.clear();
      await Promise.allSettled([...handlers.processing]);
    },
  };
}
