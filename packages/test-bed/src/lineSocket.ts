import net from 'node:net';
import tls from 'node:tls';

/** How a line-protocol connection is secured. */
export type TlsMode = 'none' | 'starttls' | 'implicit';

/** Connection options shared by the small protocol clients of the test bed. */
export interface LineConnectOptions {
  host: string;
  port: number;
  tls?: TlsMode;
  /** PEM of the CA to trust, e.g. `testBed.caPem`. */
  ca?: string | Buffer;
  /** Name the server certificate must match; default `localhost`. */
  servername?: string;
  /** Bound for connecting and for each single reply; default 10 s. */
  timeoutMs?: number;
}

type Waiter = { resolve: (line: string) => void; reject: (e: Error) => void };

/** A CRLF line reader/writer over TCP or TLS, with a STARTTLS upgrade. */
export class LineSocket {
  private buffer = Buffer.alloc(0);
  private waiters: Waiter[] = [];
  private failure: Error | undefined;
  private readonly onData = (chunk: Buffer) => {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.drain();
  };
  private readonly onEnd = (error?: Error) =>
    this.fail(error ?? new Error('connection closed'));

  private constructor(
    private socket: net.Socket,
    private readonly timeoutMs: number,
    private readonly servername: string,
  ) {
    this.attach();
  }

  /** Connects and, for implicit TLS, completes the handshake. */
  static async connect(options: LineConnectOptions): Promise<LineSocket> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const servername = options.servername ?? 'localhost';
    const socket =
      options.tls === 'implicit'
        ? tls.connect({
            host: options.host,
            port: options.port,
            ca: options.ca,
            servername,
          })
        : net.connect({ host: options.host, port: options.port });
    const ready = options.tls === 'implicit' ? 'secureConnect' : 'connect';
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        socket.once(ready, () => resolve());
        socket.once('error', reject);
      }),
      timeoutMs,
      `connect to ${options.host}:${options.port}`,
    ).catch(e => {
      socket.destroy();
      throw e;
    });
    return new LineSocket(socket, timeoutMs, servername);
  }

  private attach(): void {
    this.socket.on('data', this.onData);
    this.socket.on('error', this.onEnd);
    this.socket.on('close', () => this.onEnd());
  }

  private detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('error', this.onEnd);
    this.socket.removeAllListeners('close');
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiters.splice(0)) w.reject(this.failure);
  }

  private drain(): void {
    while (this.waiters.length > 0) {
      const end = this.buffer.indexOf('\r\n');
      if (end < 0) return;
      const line = this.buffer.subarray(0, end).toString('latin1');
      this.buffer = this.buffer.subarray(end + 2);
      this.waiters.shift()!.resolve(line);
    }
  }

  /** Reads one line without its CRLF (bytes as latin1, so raw octets survive). */
  readLine(): Promise<string> {
    if (this.failure && this.buffer.indexOf('\r\n') < 0)
      return Promise.reject(this.failure);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A late reply would desynchronise every later read, so give up on the connection.
        this.fail(
          new Error(`timed out after ${this.timeoutMs} ms reading a reply`),
        );
        this.socket.destroy();
      }, this.timeoutMs);
      this.waiters.push({
        resolve: line => {
          clearTimeout(timer);
          resolve(line);
        },
        reject: e => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.drain();
    });
  }

  /** Writes raw protocol data; the caller adds CRLF. */
  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Upgrades the connection after the server agreed to STARTTLS/STLS. */
  async startTls(ca: string | Buffer | undefined): Promise<void> {
    this.detach();
    // Errors of the raw socket resurface on the TLS socket wrapping it.
    this.socket.on('error', () => undefined);
    const secure = tls.connect({
      socket: this.socket,
      ca,
      servername: this.servername,
    });
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        secure.once('secureConnect', () => resolve());
        secure.once('error', reject);
      }),
      this.timeoutMs,
      'TLS handshake',
    ).catch(error => {
      secure.destroy();
      throw error;
    });
    this.socket = secure;
    this.attach();
  }

  /** Whether the connection currently runs over TLS. */
  get encrypted(): boolean {
    return this.socket instanceof tls.TLSSocket;
  }

  /** Closes the connection without a protocol goodbye. */
  close(): void {
    this.socket.destroy();
  }
}

/** Rejects if `promise` does not settle within `ms`. */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${ms} ms: ${what}`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
