import { EventEmitter } from 'node:events';
import { SMTPServer, SMTPServerAddress } from 'smtp-server';
import { LOOPBACK } from './ports';

/** One message the SMTP sink accepted. */
export interface SinkMessage {
  /** Envelope sender (MAIL FROM); empty for the null sender `<>`. */
  from: string;
  /** Envelope recipients (RCPT TO), in order. */
  to: string[];
  /** The message exactly as received, CRLF line ends, dot-unstuffed. */
  raw: Buffer;
  /** The AUTH user, when the client authenticated. */
  authUser?: string;
  receivedAt: Date;
}

/** Options of {@link startSmtpSink}. */
export interface SmtpSinkOptions {
  /** Key and certificate offered on STARTTLS (optional for clients). */
  tls?: { key: string; cert: string };
}

/** An SMTP server that accepts every message and keeps it in memory. */
export interface SmtpSink {
  port: number;
  readonly messages: readonly SinkMessage[];
  waitForMessage(
    predicate?: (m: SinkMessage) => boolean,
    timeoutMs?: number,
  ): Promise<SinkMessage>;
  clear(): void;
  stop(): Promise<void>;
}

const DEFAULT_WAIT_MS = 10_000;

function address(a: SMTPServerAddress | false): string {
  return a ? a.address : '';
}

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function waitFor(
  messages: SinkMessage[],
  events: EventEmitter,
  predicate: (m: SinkMessage) => boolean,
  timeoutMs: number,
): Promise<SinkMessage> {
  const found = messages.find(predicate);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const listeners = {
      message: (m: SinkMessage) => {
        if (!predicate(m)) return;
        finish();
        resolve(m);
      },
      timeout: () => {
        finish();
        reject(
          new Error(
            `SMTP sink: no matching message within ${timeoutMs} ms (${messages.length} received)`,
          ),
        );
      },
    };
    const timer = setTimeout(() => listeners.timeout(), timeoutMs);
    function finish() {
      clearTimeout(timer);
      events.off('message', listeners.message);
    }
    events.on('message', listeners.message);
  });
}

function createServer(
  messages: SinkMessage[],
  events: EventEmitter,
  options: SmtpSinkOptions,
): SMTPServer {
  return new SMTPServer({
    name: 'localhost',
    banner: 'emails test-bed SMTP sink',
    logger: false,
    authOptional: true,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    // A reverse DNS lookup per connection would leave loopback and slow tests.
    disableReverseLookup: true,
    closeTimeout: 1000,
    ...(options.tls ?? {}),
    onAuth: (auth, _session, callback) =>
      callback(null, { user: auth.username }),
    onData: (stream, session, callback) => {
      collect(stream).then(raw => {
        const message: SinkMessage = {
          from: address(session.envelope.mailFrom),
          to: session.envelope.rcptTo.map(r => r.address),
          raw,
          authUser: typeof session.user === 'string' ? session.user : undefined,
          receivedAt: new Date(),
        };
        messages.push(message);
        events.emit('message', message);
        callback();
      }, callback);
    },
  });
}

/** Starts an SMTP sink on a free loopback port. */
export async function startSmtpSink(
  options: SmtpSinkOptions = {},
): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const server = createServer(messages, events, options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors of single client connections must not crash the test process.
  server.on('error', () => undefined);
  const port = (server.server.address() as { port: number }).port;
  let stopped: Promise<void> | undefined;
  return {
    port,
    messages,
    waitForMessage: (predicate = () => true, timeoutMs = DEFAULT_WAIT_MS) =>
      waitFor(messages, events, predicate, timeoutMs),
    clear: () => {
      messages.length = 0;
    },
    stop: () => {
      stopped ??= new Promise(resolve => server.close(() => resolve()));
      return stopped;
    },
  };
}
