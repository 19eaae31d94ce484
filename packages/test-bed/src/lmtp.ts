import { LineConnectOptions, LineSocket } from './lineSocket';

/** Options of {@link deliverLmtp}. */
export interface LmtpDeliveryOptions extends Omit<LineConnectOptions, 'tls'> {
  /** Envelope sender; default `test-bed@localhost`. */
  from?: string;
  to: readonly string[];
  /** RFC 5322 message; LF line ends are converted to CRLF. */
  raw: string | Buffer;
}

/** The server's final answer for one recipient. */
export interface LmtpRecipientResult {
  recipient: string;
  ok: boolean;
  reply: string;
}

interface Reply {
  code: number;
  text: string;
}

async function readReply(socket: LineSocket): Promise<Reply> {
  const lines: string[] = [];
  for (;;) {
    const line = await socket.readLine();
    lines.push(line);
    if (line.length < 4 || line[3] !== '-') break;
  }
  return {
    code: Number(lines[lines.length - 1].slice(0, 3)),
    text: lines.join('\n'),
  };
}

async function expect(
  socket: LineSocket,
  line: string | undefined,
  accepted: number,
): Promise<Reply> {
  if (line !== undefined) socket.write(`${line}\r\n`);
  const reply = await readReply(socket);
  if (reply.code !== accepted) {
    throw new Error(
      `LMTP ${line ?? 'greeting'}: expected ${accepted}, got ${reply.text}`,
    );
  }
  return reply;
}

/** CRLF line ends, dot-stuffing and the terminating dot line (RFC 5321 4.5.2). */
export function encodeDataBlock(raw: string | Buffer): Buffer {
  // latin1 maps bytes 1:1 to chars, so 8-bit content passes unchanged.
  let text = Buffer.isBuffer(raw)
    ? raw.toString('latin1')
    : Buffer.from(raw, 'utf8').toString('latin1');
  text = text.replace(/\r?\n/g, '\r\n');
  if (!text.endsWith('\r\n')) text += '\r\n';
  text = text.replace(/^\./gm, '..');
  return Buffer.from(`${text}.\r\n`, 'latin1');
}

async function sendTransaction(
  socket: LineSocket,
  options: LmtpDeliveryOptions,
): Promise<LmtpRecipientResult[]> {
  await expect(
    socket,
    `MAIL FROM:<${options.from ?? 'test-bed@localhost'}>`,
    250,
  );
  const accepted: string[] = [];
  const results: LmtpRecipientResult[] = [];
  for (const recipient of options.to) {
    socket.write(`RCPT TO:<${recipient}>\r\n`);
    const reply = await readReply(socket);
    if (reply.code === 250) accepted.push(recipient);
    else results.push({ recipient, ok: false, reply: reply.text });
  }
  if (accepted.length === 0) return results;
  await expect(socket, 'DATA', 354);
  socket.write(encodeDataBlock(options.raw));
  // LMTP answers DATA once per accepted recipient (RFC 2033 4.2).
  for (const recipient of accepted) {
    const reply = await readReply(socket);
    results.push({ recipient, ok: reply.code === 250, reply: reply.text });
  }
  return results;
}

/** Delivers one message over LMTP and returns the per-recipient results. */
export async function deliverLmtp(
  options: LmtpDeliveryOptions,
): Promise<LmtpRecipientResult[]> {
  const socket = await LineSocket.connect(options);
  try {
    await expect(socket, undefined, 220);
    await expect(socket, 'LHLO localhost', 250);
    const results = await sendTransaction(socket, options);
    socket.write('QUIT\r\n');
    await readReply(socket).catch(() => undefined);
    return results;
  } finally {
    socket.close();
  }
}
