import { Pop3Driver } from '../diagnostics/pop3Driver';
import { StageFailure, toStageFailure } from '../diagnostics/failure';
import { MailFetchError } from '../MailFetcher';
import { Deadline } from '../net/deadline';
import { LineConnection } from '../net/lineConnection';
import { resolveHost } from '../net/resolve';
import { connectTcp, handshakeTls } from '../net/transport';
import {
  pop3Command,
  readPop3Body,
  readPop3Lines,
} from '../protocols/pop3Wire';
import { ProtocolSyntaxError } from '../protocols/replyError';
import { SecretRedactor } from '../secrets';
import { MailTarget } from '../types';

const CONNECT_TIMEOUT_MS = 30_000;
const AUTH_KINDS = new Set([
  'bad-credentials',
  'oauth-rejected',
  'auth-required',
  'auth-unsupported',
]);

/**
 * A failure of the session as a mailbox-level error the card can show,
 * masked before any server text in it is cut.
 */
function toFetchError(
  error: unknown,
  redactor: SecretRedactor,
): MailFetchError {
  const masked = redactor.error(error);
  if (masked instanceof MailFetchError) return masked;
  if (masked instanceof StageFailure) {
    return new MailFetchError(
      AUTH_KINDS.has(masked.kind) ? 'auth' : 'connection',
      `POP3: ${masked.message}`,
    );
  }
  const message =
    masked instanceof ProtocolSyntaxError
      ? toStageFailure(masked).message
      : (masked as Error).message;
  return new MailFetchError('connection', `POP3: ${message}`);
}

/**
 * A signed-in POP3 session (RFC 1939): SSL or STLS and USER/PASS or SASL
 * XOAUTH2 through the same driver Test Connection uses; then the
 * transaction-state commands fetching needs. Deletions take effect at QUIT.
 */
export class Pop3Session {
  private constructor(
    private readonly conn: LineConnection,
    private readonly redactor: SecretRedactor,
  ) {}

  /** Connects, secures and signs in; rejects with MailFetchError. */
  static async open(
    target: MailTarget,
    options: { ca?: string[]; sessionMs: number },
  ): Promise<Pop3Session> {
    const deadline = new Deadline(options.sessionMs);
    const redactor = SecretRedactor.forAuth(target.auth);
    let conn: LineConnection | undefined;
    try {
      const address = await resolveHost(target.host, CONNECT_TIMEOUT_MS);
      let socket = await connectTcp({
        address,
        port: target.port,
        timeoutMs: CONNECT_TIMEOUT_MS,
      });
      const tlsOptions = {
        host: target.host,
        ca: options.ca,
        timeoutMs: CONNECT_TIMEOUT_MS,
      };
      if (target.security === 'ssl') {
        socket = await handshakeTls(socket, tlsOptions);
      }
      conn = new LineConnection(socket, deadline);
      const driver = new Pop3Driver({
        conn,
        target,
        clientName: 'localhost',
        redactor,
      });
      await driver.greet(
        await conn.readLine('the greeting', CONNECT_TIMEOUT_MS),
      );
      if (target.security === 'starttls') {
        await driver.requestStartTls();
        conn.resume(await handshakeTls(conn.releaseForTls(), tlsOptions));
      }
      await driver.hello();
      await driver.authenticate();
      return new Pop3Session(conn, redactor);
    } catch (error) {
      conn?.destroy();
      throw toFetchError(error, redactor);
    }
  }

  /** Unique ids of the maildrop's messages by message number (UIDL). */
  async uidl(): Promise<{ number: number; uidl: string }[]> {
    await this.ok('UIDL');
    const lines = await this.guard(() =>
      readPop3Lines(this.conn, 'the UIDL list', 16 << 20),
    );
    return lines.map(line => {
      const [number, uidl] = line.split(' ');
      return { number: Number(number), uidl };
    });
  }

  /** A message's size in octets (LIST n). */
  async size(number: number): Promise<number> {
    const text = await this.ok(`LIST ${number}`);
    return Number(text.split(' ')[1]) || 0;
  }

  /** The whole message (RETR), at most `maxBytes`. */
  async retrieve(number: number, maxBytes: number): Promise<Buffer> {
    await this.ok(`RETR ${number}`);
    return this.guard(() => readPop3Body(this.conn, 'the message', maxBytes));
  }

  /** The header block only (TOP n 0). */
  async headers(number: number): Promise<Buffer> {
    await this.ok(`TOP ${number} 0`);
    return this.guard(() => readPop3Body(this.conn, 'the headers', 1 << 20));
  }

  /** Marks a message for deletion; the server deletes it at QUIT. */
  async delete(number: number): Promise<void> {
    await this.ok(`DELE ${number}`);
  }

  /** QUIT (which commits deletions), then closes; never throws. */
  async quit(): Promise<void> {
    try {
      await pop3Command(this.conn, 'QUIT', 'the reply to QUIT');
    } catch {
      // Gone already: uncommitted deletions are rolled back, the mail stays.
    } finally {
      this.conn.destroy();
    }
  }

  private async guard<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw toFetchError(error, this.redactor);
    }
  }

  private async ok(commandLine: string): Promise<string> {
    const reply = await this.guard(() =>
      pop3Command(this.conn, commandLine, `the reply to ${commandLine}`),
    );
    if (!reply.ok) {
      throw new MailFetchError(
        'protocol',
        `POP3 ${commandLine.split(' ')[0]}: -ERR ${this.redactor.line(
          reply.text,
        )}`,
      );
    }
    return reply.text;
  }
}
