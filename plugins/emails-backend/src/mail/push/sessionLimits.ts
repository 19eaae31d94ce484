import { LoggerService } from '@backstage/backend-plugin-api';
import { SMTPServer, SMTPServerSession } from 'smtp-server';
import { SmtpPushConfig } from '../../config';
import { smtpReply } from './pushDelivery';

type Connection = SMTPServer['connections'] extends Set<infer C> ? C : never;

/** What {@link SessionLimits} needs. */
export interface SessionLimitsOptions {
  config: Pick<
    SmtpPushConfig,
    'maxClients' | 'maxSessionMs' | 'maxCommandsPerSession'
  >;
  logger: LoggerService;
}

// While a message is being recorded its sender waits for our answer; the
// session's clock looks again this much later, after the answer went out.
const RECHECK_MS = 1_000;

/**
 * Bounds what one sender may hold: sessions at once, a session's wall-clock
 * length and its command lines. Each limit is answered `421 4.7.0`, naming
 * its setting, and the connection closes; the sender retries later.
 */
export class SessionLimits {
  private readonly clocks = new Map<string, NodeJS.Timeout>();
  private readonly recording = new Map<string, number>();
  private connections: Set<Connection> = new Set();

  constructor(private readonly options: SessionLimitsOptions) {}

  /** The listener whose sessions these are (its open connections are looked up by session id). */
  attach(server: Pick<SMTPServer, 'connections'>) {
    this.connections = server.connections;
  }

  /** From onConnect: a 421 for one session too many; otherwise its clock and command count start. */
  admit(session: SMTPServerSession): Error | undefined {
    const { maxClients } = this.options.config;
    if (this.clocks.size >= maxClients) {
      this.options.logger.warn(
        `SMTP push: refused a session from ${session.remoteAddress}: ${maxClients} sessions are open (emails.smtpPush.maxClients)`,
      );
      return smtpReply(
        421,
        `4.7.0 Too many sessions at once (emails.smtpPush.maxClients is ${maxClients}); try again later`,
      );
    }
    const connection = this.connectionOf(session.id);
    if (connection) this.countCommands(connection);
    this.startClock(session.id, this.options.config.maxSessionMs);
    return undefined;
  }

  /** From onClose: the session no longer counts. */
  release(session: Pick<SMTPServerSession, 'id'>) {
    clearTimeout(this.clocks.get(session.id));
    this.clocks.delete(session.id);
    this.recording.delete(session.id);
  }

  /** Runs `work` (recording a message) with the session's clock held until it settles. */
  async whileRecording<T>(sessionId: string, work: () => Promise<T>) {
    this.recording.set(sessionId, (this.recording.get(sessionId) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = (this.recording.get(sessionId) ?? 1) - 1;
      if (left > 0) this.recording.set(sessionId, left);
      else this.recording.delete(sessionId);
    }
  }

  /** Stops every clock (the listener is stopping). */
  clear() {
    for (const clock of this.clocks.values()) clearTimeout(clock);
    this.clocks.clear();
  }

  private connectionOf(id: string): Connection | undefined {
    for (const c of this.connections) if (c.id === id) return c;
    return undefined;
  }

  private startClock(id: string, ms: number) {
    const clock = setTimeout(() => this.expire(id), ms);
    clock.unref();
    this.clocks.set(id, clock);
  }

  private expire(id: string) {
    if (!this.clocks.has(id)) return;
    if (this.recording.has(id)) {
      this.options.logger.debug(
        `SMTP push: session ${id} reached its time limit while a message is recorded; it closes after the answer`,
      );
      this.startClock(id, RECHECK_MS);
      return;
    }
    const connection = this.connectionOf(id);
    if (!connection) {
      this.release({ id });
      return;
    }
    const seconds = this.options.config.maxSessionMs / 1000;
    this.options.logger.info(
      `SMTP push: closed the session from ${connection.remoteAddress} after ${seconds} s (emails.smtpPush.maxSessionSeconds)`,
    );
    // Without an enhanced code of smtp-server's own: ours is in the text.
    connection.send(
      421,
      `4.7.0 Session time limit reached (emails.smtpPush.maxSessionSeconds is ${seconds}); reconnect to continue`,
      false,
    );
  }

  /**
   * smtp-server has no hook per command, so the session's command parser is
   * wrapped: past the limit a line is answered 421 instead of being run
   * (a 421 also closes the connection).
   */
  private countCommands(connection: Connection) {
    const parser = connection._parser;
    if (!parser) return;
    const max = this.options.config.maxCommandsPerSession;
    const run = parser.oncommand.bind(parser);
    let count = 0;
    parser.oncommand = (command, callback) => {
      count += 1;
      if (count <= max) {
        run(command, callback);
        return;
      }
      if (count > max + 1) return;
      this.options.logger.warn(
        `SMTP push: closed the session from ${connection.remoteAddress} after ${max} commands (emails.smtpPush.maxCommandsPerSession)`,
      );
      connection.send(
        421,
        `4.7.0 Too many commands in one session (emails.smtpPush.maxCommandsPerSession is ${max}); reconnect to continue`,
        false,
      );
    };
  }
}
