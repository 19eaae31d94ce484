import { LineConnectOptions, LineSocket } from './lineSocket';

/** One POP3 reply: status line and, for multi-line replies, the dot-unstuffed body lines. */
export interface Pop3Response {
  ok: boolean;
  /** The status line, e.g. `+OK 2 320`. */
  status: string;
  lines: string[];
}

/** Whether a command's +OK reply carries a multi-line body (RFC 1939, RFC 2449). */
function isMultiline(commandLine: string): boolean {
  const [verb, ...args] = commandLine.trim().split(/\s+/);
  switch (verb.toUpperCase()) {
    case 'RETR':
    case 'TOP':
    case 'CAPA':
      return true;
    case 'LIST':
    case 'UIDL':
      return args.length === 0;
    default:
      return false;
  }
}

/** A minimal POP3 client for tests: plain, STLS or implicit TLS. */
export class Pop3Client {
  private constructor(
    private readonly socket: LineSocket,
    readonly greeting: string,
  ) {}

  /** Connects, reads the greeting and performs STLS when `tls` is 'starttls'. */
  static async connect(options: LineConnectOptions): Promise<Pop3Client> {
    const socket = await LineSocket.connect(options);
    try {
      const greeting = await socket.readLine();
      if (!greeting.startsWith('+OK'))
        throw new Error(`POP3 greeting: ${greeting}`);
      const client = new Pop3Client(socket, greeting);
      if (options.tls === 'starttls') {
        await client.expectOk('STLS');
        await socket.startTls(options.ca);
      }
      return client;
    } catch (error) {
      socket.close();
      throw error;
    }
  }

  /** Whether the session currently runs over TLS. */
  get encrypted(): boolean {
    return this.socket.encrypted;
  }

  /** Sends one command line and reads its reply. */
  async command(
    commandLine: string,
    multiline = isMultiline(commandLine),
  ): Promise<Pop3Response> {
    this.socket.write(`${commandLine}\r\n`);
    const status = await this.socket.readLine();
    const ok = status.startsWith('+OK');
    const lines: string[] = [];
    if (ok && multiline) {
      for (;;) {
        const line = await this.socket.readLine();
        if (line === '.') break;
        lines.push(line.startsWith('..') ? line.slice(1) : line);
      }
    }
    return { ok, status, lines };
  }

  /** Like {@link Pop3Client.command} but throws on -ERR. */
  async expectOk(commandLine: string): Promise<Pop3Response> {
    const response = await this.command(commandLine);
    if (!response.ok) {
      const shown = commandLine.startsWith('PASS ') ? 'PASS ***' : commandLine;
      throw new Error(`POP3 ${shown}: ${response.status}`);
    }
    return response;
  }

  /** USER/PASS login. */
  async login(user: string, password: string): Promise<void> {
    await this.expectOk(`USER ${user}`);
    await this.expectOk(`PASS ${password}`);
  }

  /** STAT: message count and total size in octets. */
  async stat(): Promise<{ count: number; size: number }> {
    const [, count, size] = (await this.expectOk('STAT')).status.split(' ');
    return { count: Number(count), size: Number(size) };
  }

  /** RETR: the message as CRLF text. */
  async retrieve(messageNumber: number): Promise<string> {
    const { lines } = await this.expectOk(`RETR ${messageNumber}`);
    return lines.map(l => `${l}\r\n`).join('');
  }

  /** QUIT, then close the connection. */
  async quit(): Promise<void> {
    try {
      await this.command('QUIT');
    } finally {
      this.socket.close();
    }
  }

  /** Closes the connection without QUIT. */
  close(): void {
    this.socket.close();
  }
}

/**
 * Runs POP3 command lines in one session (after an optional login) and
 * returns their replies; always quits.
 */
export async function pop3Command(
  options: LineConnectOptions & { user?: string; password?: string },
  commands: readonly string[],
): Promise<Pop3Response[]> {
  const client = await Pop3Client.connect(options);
  try {
    if (options.user !== undefined)
      await client.login(options.user, options.password ?? '');
    const replies: Pop3Response[] = [];
    for (const commandLine of commands)
      replies.push(await client.command(commandLine));
    return replies;
  } finally {
    await client.quit().catch(() => client.close());
  }
}
