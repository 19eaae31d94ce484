import { SampleMail } from '@internal/plugin-emails-common';
import { ImapFlow } from 'imapflow';
import net from 'node:net';
import { fail, StageFailure } from '../diagnostics/failure';
import { DEFAULT_GREETING_TIMEOUT_MS } from '../diagnostics/greeting';
import { withTimeout } from '../net/deadline';
import { resolveHost } from '../net/resolve';
import { trustedCas } from '../net/transport';
import { MailAuth, MailTarget } from '../types';
import type { FetchSampleOptions } from './fetchSample';
import { imapSampleFailure, toSampleFetchError } from './imapErrors';
import { noSample, toSampleMail } from './toSampleMail';

type Resolved = FetchSampleOptions & { timeoutMs: number };

function imapAuth(auth: MailAuth) {
  if (auth.type === 'none') {
    fail('auth-required', 'IMAP offers no mailbox access without a sign-in');
  }
  return auth.type === 'oauth'
    ? { user: auth.username, accessToken: auth.accessToken }
    : { user: auth.username, pass: auth.password };
}

function createClient(target: MailTarget, address: string, options: Resolved) {
  const client = new ImapFlow({
    host: address,
    port: target.port,
    secure: target.security === 'ssl',
    // true makes STARTTLS mandatory; false never sends it.
    doSTARTTLS: target.security === 'starttls',
    // The certificate must match the configured name, not the address.
    servername: net.isIP(target.host) ? undefined : target.host,
    tls: { ca: trustedCas(options.ca) },
    auth: imapAuth(target.auth),
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: Math.min(DEFAULT_GREETING_TIMEOUT_MS, options.timeoutMs),
    socketTimeout: options.timeoutMs,
  });
  // Failures surface through the awaited calls; the event would be unhandled.
  client.on('error', () => undefined);
  return client;
}

/** Reads the oldest INBOX message without changing anything in the mailbox. */
async function readOldest(
  client: ImapFlow,
  maxRawBytes: number,
): Promise<SampleMail> {
  // EXAMINE: the server refuses any change to the mailbox in this session.
  const lock = await client.getMailboxLock('INBOX', { readOnly: true });
  try {
    if (!client.mailbox || !client.mailbox.exists) return noSample();
    // Sequence number 1 is the oldest message; its UID pins it down even if
    // another client expunges messages meanwhile.
    const first = await client.fetchOne('1', { uid: true, size: true });
    if (!first) return noSample();
    const size = first.size ?? 0;
    const byUid = { uid: true };
    if (size > maxRawBytes) {
      const head = await client.fetchOne(
        String(first.uid),
        { headers: true },
        byUid,
      );
      return toSampleMail(
        head ? head.headers ?? Buffer.alloc(0) : Buffer.alloc(0),
        size,
        true,
      );
    }
    // BODY.PEEK[] leaves \Seen alone; maxLength also bounds a server that
    // under-reports the size.
    const message = await client.fetchOne(
      String(first.uid),
      { source: { maxLength: maxRawBytes } },
      byUid,
    );
    if (!message || !message.source) return noSample();
    return toSampleMail(message.source, size || message.source.length);
  } finally {
    lock.release();
  }
}

/** Fetch a sample mail over IMAP with imapflow. */
export async function fetchImapSample(
  target: MailTarget,
  options: Resolved,
  maxRawBytes: number,
): Promise<SampleMail> {
  let client: ImapFlow | undefined;
  const work = async () => {
    const address = await resolveHost(
      target.host,
      options.timeoutMs,
      options.lookup,
    ).catch(error => {
      throw new StageFailure(
        'dns-failed',
        `"${target.host}" (${
          (error as { code?: string }).code ?? (error as Error).message
        })`,
      );
    });
    client = createClient(target, address, options);
    await client.connect();
    const sample = await readOldest(client, maxRawBytes);
    await client.logout();
    return sample;
  };
  try {
    return await withTimeout(work(), options.timeoutMs, 'the sample mail', {
      onTimeout: () => client?.close(),
    });
  } catch (error) {
    throw toSampleFetchError(imapSampleFailure(error, target), target);
  } finally {
    client?.close();
  }
}
