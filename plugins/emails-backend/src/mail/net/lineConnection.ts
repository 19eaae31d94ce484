import net from 'node:net';
import { Deadline } from './deadline';
import {
  ConnectionClosedError,
  MailTimeoutError,
  ReplyTooLargeError,
} from './errors';

/**
 * Takes one complete item off the front of the unread bytes, or returns
 * undefined to wait for more. It may keep state between calls of one read:
 * the bytes it saw before are still at the front, with new ones behind them.
 */
export type Extractor<T> = (
  unread: Buffer,
) => { value: T; consumed: number } | undefined;

interface PendingRead {
  extract: Extractor<unknown>;
  what: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Longest reply line accepted by default: far above any greeting or capability list. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

/** A line extractor for CRLF (tolerating bare LF) lines, as UTF-8 text. */
export function lineExtractor(maxLineBytes: number): Extractor<string> {
  let from = 0;
  return unread => {
    const lf = unread.indexOf(0x0a, from);
    if (lf < 0) {
      if (unread.length > maxLineBytes) {
        throw new ReplyTooLargeError('a reply line', maxLineBytes);
      }
      from = unread.length;
      return undefined;
    }
    const end = lf > 0 && unread[lf - 1] === 0x0d ? lf - 1 : lf;
    return { value: unread.toString('utf8', 0, end), consumed: lf + 1 };
  };
}

/**
 * A socket with a buffer in front: one read at a time, each bounded by the
 * run's deadline (or a shorter cap). A read that times out destroys the
 * socket, because a late reply would be taken as the answer to the next
 * command.
 */
export class LineConnection {
  private store = Buffer.alloc(4096);
  private start = 0;
  private end = 0;
  private pending: PendingRead | undefined;
  private closedBy: Error | undefined;
  private closed = false;
  private socket: net.Socket;

  private readonly onData = (chunk: Buffer) => {
    this.append(chunk);
    this.pump();
  };
  private readonly onError = (error: Error) => {
    this.closedBy ??= error;
  };
  private readonly onClose = () => {
    this.closed = true;
    this.pump();
  };

  constructor(
    socket: net.Socket,
    private readonly deadline: Deadline,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {
    this.socket = socket;
    this.attach();
  }

  /** The socket currently carrying the session (a TLSSocket after an upgrade). */
  get current(): net.Socket {
    return this.socket;
  }

  /** Reads one line without its line end. */
  readLine(what: string, capMs?: number): Promise<string> {
    return this.read(lineExtractor(this.maxLineBytes), what, capMs);
  }

  /** Reads exactly `count` bytes (an IMAP literal). */
  readBytes(count: number, what: string): Promise<Buffer> {
    return this.read(
      unread =>
        unread.length >= count
          ? { value: Buffer.from(unread.subarray(0, count)), consumed: count }
          : undefined,
      what,
    );
  }

  /** Runs one read with a custom extractor. */
  read<T>(extract: Extractor<T>, what: string, capMs?: number): Promise<T> {
    if (this.pending) throw new Error('LineConnection: one read at a time');
    const { ms, budgetLimited } = this.deadline.slice(capMs);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const received = Buffer.from(this.unread());
        this.finish(
          new MailTimeoutError(what, ms, { budgetLimited, received }),
        );
        this.destroy();
      }, ms);
      this.pending = {
        extract,
        what,
        resolve: resolve as (value: unknown) => void,
        reject,
        timer,
      };
      this.pump();
    });
  }

  /** Sends protocol data; the caller adds line ends. */
  write(data: string | Buffer): void {
    if (!this.socket.destroyed) this.socket.write(data);
  }

  /**
   * Hands the socket over for a TLS upgrade. Bytes that arrived after the
   * server agreed to STARTTLS would be plain text injected in front of the
   * encrypted session, so they are refused.
   */
  releaseForTls(): net.Socket {
    if (this.pending) throw new Error('LineConnection: read in progress');
    if (this.end > this.start) {
      throw new Error('the server sent data before the TLS handshake began');
    }
    this.detach();
    // Errors of the raw socket resurface on the TLS socket wrapping it.
    this.socket.on('error', () => undefined);
    return this.socket;
  }

  /** Continues the session over the upgraded socket. */
  resume(socket: net.Socket): void {
    this.socket = socket;
    this.closed = false;
    this.closedBy = undefined;
    this.attach();
  }

  /** Closes the connection at once; a pending read fails. */
  destroy(): void {
    this.socket.destroy();
    this.closed = true;
    this.pump();
  }

  private attach(): void {
    this.socket.on('data', this.onData);
    this.socket.on('error', this.onError);
    this.socket.on('close', this.onClose);
  }

  private detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('error', this.onError);
    this.socket.off('close', this.onClose);
  }

  private unread(): Buffer {
    return this.store.subarray(this.start, this.end);
  }

  private append(chunk: Buffer): void {
    if (this.end + chunk.length > this.store.length) {
      // Grow by doubling so a large reply costs linear, not quadratic, copying.
      const needed = this.end - this.start + chunk.length;
      const size = Math.max(needed, this.store.length * 2);
      const next = Buffer.alloc(size);
      this.store.copy(next, 0, this.start, this.end);
      this.store = next;
      this.end -= this.start;
      this.start = 0;
    }
    chunk.copy(this.store, this.end);
    this.end += chunk.length;
  }

  private pump(): void {
    const pending = this.pending;
    if (!pending) return;
    let result: { value: unknown; consumed: number } | undefined;
    try {
      result = pending.extract(this.unread());
    } catch (error) {
      this.finish(error as Error);
      this.destroy();
      return;
    }
    if (result) {
      this.start += result.consumed;
      if (this.start === this.end) this.start = this.end = 0;
      this.finish(undefined, result.value);
    } else if (this.closed) {
      const received = Buffer.from(this.unread());
      this.finish(
        new ConnectionClosedError(pending.what, this.closedBy, received),
      );
    }
  }

  private finish(error: Error | undefined, value?: unknown): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(value);
  }
}
