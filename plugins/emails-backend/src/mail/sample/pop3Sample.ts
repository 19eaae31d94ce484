import { SampleMail } from '@internal/plugin-emails-common';
import { ConnectionRun } from '../diagnostics/connectionRun';
import { fail } from '../diagnostics/failure';
import { LineConnection } from '../net/lineConnection';
import { pop3Command, readPop3Body } from '../protocols/pop3Wire';
import { SecretRedactor } from '../secrets';
import { MailTarget } from '../types';
import { SampleFetchError } from './errors';
import type { FetchSampleOptions } from './fetchSample';
import { noSample, toSampleMail } from './toSampleMail';

// The server's size is an estimate (line ends, dot-stuffing): allow some slack.
const slack = (bytes: number) => Math.ceil(bytes * 1.1) + 64 * 1024;
// Headers of a message above the cap; far more than any real header block.
const MAX_HEADER_BYTES = 1024 * 1024;

/** The session and the redactor its replies are shown through. */
interface Session {
  conn: LineConnection;
  redactor: SecretRedactor;
}

async function expectOk({ conn, redactor }: Session, commandLine: string) {
  const reply = await pop3Command(
    conn,
    commandLine,
    `the reply to ${commandLine}`,
  );
  if (!reply.ok) {
    fail(
      'mailbox-unavailable',
      `${commandLine}: -ERR ${redactor.line(reply.text)}`,
    );
  }
  return reply.text;
}

/**
 * Downloads message 1 whole without it counting as retrieved. Servers
 * remember a RETR (Dovecot sets \Seen at QUIT, Gmail applies its "after
 * POP download" rule), but not a TOP; a message of `size` octets has at
 * most `size` lines, so TOP with that many lines returns all of it.
 */
async function readWhole(
  session: Session,
  size: number,
  limit: number,
): Promise<Buffer> {
  const { conn } = session;
  const lines = Math.max(size, 1);
  const top = await pop3Command(conn, `TOP 1 ${lines}`, 'the reply to TOP');
  if (top.ok) return readPop3Body(conn, 'the message', limit);
  // TOP is optional (RFC 1939); RSET then forgets what RETR marked.
  await expectOk(session, 'RETR 1');
  const raw = await readPop3Body(conn, 'the message', limit);
  await expectOk(session, 'RSET');
  return raw;
}

/**
 * Reads the first (oldest) message of the maildrop. Nothing is marked for
 * deletion, so the QUIT that follows changes nothing.
 */
async function readOldest(
  session: Session,
  maxRawBytes: number,
): Promise<SampleMail> {
  const [count] = (await expectOk(session, 'STAT')).split(' ').map(Number);
  if (!count) return noSample();
  const size = Number((await expectOk(session, 'LIST 1')).split(' ')[1]) || 0;
  if (size > maxRawBytes) {
    // A message above the cap is never downloaded: its headers only.
    await expectOk(session, 'TOP 1 0');
    const head = await readPop3Body(
      session.conn,
      'the headers',
      MAX_HEADER_BYTES,
    );
    return toSampleMail(head, size, true);
  }
  const raw = await readWhole(session, size, slack(maxRawBytes));
  return toSampleMail(raw, size || raw.length);
}

/** Fetch a sample mail over POP3, with the connection steps of Test Connection. */
export async function fetchPop3Sample(
  target: MailTarget,
  options: FetchSampleOptions,
  maxRawBytes: number,
): Promise<SampleMail> {
  let sample: SampleMail | undefined;
  const run = new ConnectionRun(target, options, async (conn, redactor) => {
    sample = await readOldest({ conn, redactor }, maxRawBytes);
    return {
      message: sample.found
        ? 'Read the oldest message'
        : 'The mailbox is empty',
    };
  });
  const result = await run.execute();
  const failed = result.stages.find(stage => !stage.ok);
  if (failed || !sample) {
    throw new SampleFetchError(
      failed?.message ?? 'The sample could not be fetched',
      failed?.hint ?? '',
      failed?.stage,
    );
  }
  return sample;
}
