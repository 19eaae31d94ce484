import { LineConnection } from '../net/lineConnection';
import { SecretRedactor } from '../secrets';
import { fail } from './failure';
import { MailTarget } from '../types';

/** What a stage reports when it succeeds. */
export interface StageOutcome {
  message: string;
  skipped?: boolean;
}

/** What a protocol driver works with. */
export interface DriverContext {
  conn: LineConnection;
  target: MailTarget;
  /** EHLO name. */
  clientName: string;
  /** SMTP only: send a real test message from/to these addresses. */
  sendTestTo?: { from: string; to: string };
  /** Masks the target's secrets in server replies before they are cut and shown. */
  redactor: SecretRedactor;
}

/**
 * The protocol-specific steps of Test Connection. The connection run calls
 * them in order and classifies what they throw; a driver throws
 * StageFailure itself when it knows better (a refused login, no STARTTLS).
 */
export interface ProtocolDriver {
  /** Checks the greeting, given its first line; returns a short description. */
  greet(firstLine: string): Promise<string>;
  /** Asks for STARTTLS; resolves when the TLS handshake may begin. */
  requestStartTls(): Promise<void>;
  /** Learns the server's capabilities over the final (maybe encrypted) transport. */
  hello(): Promise<void>;
  /** Signs in with the target's credentials. */
  authenticate(): Promise<StageOutcome>;
  /** The protocol stage: a harmless command that proves the service works. */
  check(): Promise<StageOutcome & { sentMessageId?: string }>;
  /** Says goodbye; failures here do not matter. */
  quit(): Promise<void>;
}

/**
 * Refuses credentials with a line break: sent on a command line they would
 * end the command early and smuggle in another one.
 */
export function assertSingleLine(...values: string[]): void {
  if (values.some(v => /[\r\n\0]/.test(v))) {
    fail(
      'bad-credentials',
      'the username, password or token contains a line break or NUL character',
    );
  }
}
