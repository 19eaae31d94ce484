import { generateKeyPairSync, sign } from 'node:crypto';
import { LineConnectOptions, LineSocket } from './lineSocket';

/** Options of {@link buildTestMessage}. */
export interface TestMessageOptions {
  subject: string;
  from?: string;
  to?: string;
  body?: string;
  messageId?: string;
}

/** Builds a small RFC 5322 text/plain message (LF line ends) for deliveries and submissions. */
export function buildTestMessage(options: TestMessageOptions): string {
  const unique = `${Date.now()}.${Math.random().toString(36).slice(2)}`;
  return [
    `From: <${options.from ?? 'customer@example.test'}>`,
    `To: <${options.to ?? 'support@localhost'}>`,
    `Subject: ${options.subject}`,
    `Message-ID: <${options.messageId ?? `${unique}@example.test`}>`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    options.body ?? 'Hello from the test bed.',
    '',
  ].join('\n');
}

/**
 * Re-signs a genuine token's claims (with optional changes) using a key the
 * issuer never saw, to check that a server refuses it.
 */
export function forgeAccessToken(
  token: string,
  claimChanges: Record<string, unknown> = {},
): string {
  const [header, payload] = token.split('.');
  const claims = {
    ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
    ...claimChanges,
  };
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString(
    'base64url',
  )}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signature = sign('sha256', Buffer.from(body), privateKey);
  return `${body}.${signature.toString('base64url')}`;
}

/**
 * Runs IMAP `AUTHENTICATE XOAUTH2` by hand (imapflow prefers OAUTHBEARER
 * when both are offered) and returns the tagged reply line.
 */
export async function imapXoauth2Login(
  options: LineConnectOptions,
  user: string,
  accessToken: string,
): Promise<string> {
  const socket = await LineSocket.connect(options);
  try {
    await socket.readLine();
    if (options.tls === 'starttls') {
      socket.write('s1 STARTTLS\r\n');
      let reply = await socket.readLine();
      while (!reply.startsWith('s1 ')) reply = await socket.readLine();
      if (!reply.startsWith('s1 OK'))
        throw new Error(`IMAP STARTTLS: ${reply}`);
      await socket.startTls(options.ca);
    }
    const payload = `user=${user}\x01auth=Bearer ${accessToken}\x01\x01`;
    socket.write(
      `a1 AUTHENTICATE XOAUTH2 ${Buffer.from(payload).toString('base64')}\r\n`,
    );
    for (;;) {
      const line = await socket.readLine();
      // On failure the server first sends an error challenge, answered empty.
      if (line.startsWith('+')) socket.write('\r\n');
      if (line.startsWith('a1 ')) return line;
    }
  } finally {
    socket.close();
  }
}
