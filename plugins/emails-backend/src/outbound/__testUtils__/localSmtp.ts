import { SMTPServer, SMTPServerOptions } from 'smtp-server';
import { MailServerRecord } from '../../database';

/** A message a {@link LocalSmtp} accepted. */
export interface LocalMessage {
  from: string;
  to: string[];
  raw: Buffer;
  authUser?: string;
}

/** A small SMTP server on a loopback port, for the cases the test bed has no peer for. */
export interface LocalSmtp {
  port: number;
  messages: LocalMessage[];
  stop(): Promise<void>;
}

/**
 * Starts an SMTP server on 127.0.0.1 (port 0 = any free one). Recipients named
 * `reject-5xx@...` are refused with 550, `later-4xx@...` with 451.
 */
export async function startLocalSmtp(
  options: {
    port?: number;
    secure?: boolean;
    key?: string;
    cert?: string;
  } = {},
  messages: LocalMessage[] = [],
): Promise<LocalSmtp> {
  const serverOptions: SMTPServerOptions = {
    secure: !!options.secure,
    key: options.key,
    cert: options.cert,
    authOptional: true,
    disabledCommands: options.secure ? [] : ['STARTTLS'],
    logger: false,
    // Pooled clients keep idle connections: do not wait for them on stop().
    closeTimeout: 100,
    onAuth: (auth, _session, callback) =>
      callback(null, { user: auth.username }),
    onRcptTo: (address, _session, callback) => {
      let refusal = 0;
      if (/^reject-5xx@/.test(address.address)) refusal = 550;
      if (/^later-4xx@/.test(address.address)) refusal = 451;
      if (!refusal) return callback();
      const error = new Error(
        refusal === 550 ? 'No such user here' : 'Try again later',
      ) as Error & { responseCode: number };
      error.responseCode = refusal;
      return callback(error);
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom
            ? session.envelope.mailFrom.address
            : '',
          to: session.envelope.rcptTo.map(r => r.address),
          raw: Buffer.concat(chunks),
          authUser: session.user as string | undefined,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    messages,
    stop: () => new Promise(resolve => server.close(() => resolve())),
  };
}

/** An outgoing server record as MailServerStore returns it. */
export function outgoingServer(
  id: string,
  settings: Record<string, unknown>,
  over: Partial<MailServerRecord> = {},
): MailServerRecord {
  return {
    id,
    name: id,
    email: `${id}@localhost`,
    protocol: 'smtp',
    enabled: true,
    primary: false,
    settings: { host: '127.0.0.1', ...settings },
    version: 1,
    createdAt: '2026-11-21T00:00:00.000Z',
    updatedAt: '2026-11-21T00:00:00.000Z',
    ...over,
  };
}
