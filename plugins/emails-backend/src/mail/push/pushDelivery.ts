import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Ingest, RecordResult } from '../../ingest/types';
import { PushRecipients } from './pushRecipients';

/** An SMTP reply carried by an Error, as smtp-server reads it. */
export function smtpReply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Reads the DATA stream; undefined when it went over `limit` (the rest is drained, not kept). */
export function readMessage(
  stream: Readable & { sizeExceeded?: boolean },
  limit: number,
): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= limit) chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () =>
      resolve(
        stream.sizeExceeded || total > limit
          ? undefined
          : Buffer.concat(chunks),
      ),
    );
  });
}

/**
 * The final delivery agent adds the envelope sender as Return-Path (RFC 5321
 * 4.4), so the pipeline can tell bounces (null sender) from mail.
 */
export function withReturnPath(raw: Buffer, mailFrom: string): Buffer {
  // smtp-server checked the address; this keeps any header line intact anyway.
  const sender = mailFrom.replace(/[\r\n<>]/g, '');
  return Buffer.concat([Buffer.from(`Return-Path: <${sender}>\r\n`), raw]);
}

/**
 * The push source id: a hash of the delivered bytes, so a sender's retry of
 * the same message (after a 4xx, or a lost 250) is the same source and is
 * recorded once.
 */
export function pushSourceId(raw: Buffer): string {
  return `push:${createHash('sha256').update(raw).digest('hex')}`;
}

/** A committed record and the incoming server it is for. */
export type Recorded = RecordResult & { serverId: string };

/** One recipient's outcome: its record, or the SMTP reply to give instead. */
export type RecipientOutcome = Recorded | Error;

/**
 * Records the message once per incoming server among the recipients, each
 * committed before this resolves. A failure to record is a 451, so the
 * sender keeps the message and retries.
 */
export async function recordForRecipients(
  raw: Buffer,
  addresses: string[],
  deps: { ingest: Ingest; recipients: PushRecipients },
  onRecordError: (error: unknown) => void,
): Promise<RecipientOutcome[]> {
  const sourceId = pushSourceId(raw);
  const byServer = new Map<string, Promise<RecipientOutcome>>();
  const recordOnce = async (address: string): Promise<RecipientOutcome> => {
    const mailbox = await deps.recipients.resolve(address);
    if (!mailbox) {
      return smtpReply(
        550,
        `5.1.1 <${address}>: no incoming server receives mail for this address`,
      );
    }
    let recording = byServer.get(mailbox.serverId);
    if (!recording) {
      recording = deps.ingest
        .record({ serverId: mailbox.serverId, sourceId }, raw)
        .then(result => ({ ...result, serverId: mailbox.serverId }))
        .catch(error => {
          onRecordError(error);
          return smtpReply(
            451,
            '4.3.0 The message could not be recorded; try again later',
          );
        });
      byServer.set(mailbox.serverId, recording);
    }
    return recording;
  };
  return Promise.all(
    addresses.map(address =>
      recordOnce(address).catch(error => {
        onRecordError(error);
        return smtpReply(
          451,
          '4.3.0 The recipient could not be looked up; try again later',
        );
      }),
    ),
  );
}
