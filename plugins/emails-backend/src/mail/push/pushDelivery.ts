import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
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

/** What the listener knows of the SMTP session that delivered a message. */
export interface PushEnvelope {
  /** MAIL FROM; empty for the null sender of bounces. */
  mailFrom: string;
  /** The connecting client's address, which SPF checks. */
  clientIp: string;
  /** The name the client gave in HELO/EHLO/LHLO. */
  helo: string;
  /** This host's name, for the `by` clause. */
  byHost: string;
  /** SMTP, ESMTP, LMTP... as smtp-server names the session's protocol. */
  protocol: string;
  /** The session id, for matching the header with the listener's log. */
  sessionId: string;
}

/**
 * The message as recorded: the final delivery agent adds the envelope
 * sender as Return-Path (RFC 5321 4.4), so bounces (null sender) are told
 * from mail, and a Received header naming the client, its HELO and address,
 * so SPF can be checked later, also on replay. The source id hashes the
 * delivered bytes with the Return-Path but not the Received header, whose
 * date changes on every attempt: a sender's retry stays one source.
 */
export function deliveredMessage(
  body: Buffer,
  envelope: PushEnvelope,
): { raw: Buffer; sourceId: string } {
  // smtp-server checked the address; this keeps any header line intact anyway.
  const sender = envelope.mailFrom.replace(/[\r\n<>]/g, '');
  const returnPath = Buffer.from(`Return-Path: <${sender}>\r\n`);
  const received = Buffer.from(receivedHeader(envelope));
  return {
    raw: Buffer.concat([returnPath, received, body]),
    sourceId: pushSourceId(returnPath, body),
  };
}

/** `Received: from helo ([ip]) by host with ESMTP id x; date` (RFC 5321 4.4). */
function receivedHeader(envelope: PushEnvelope): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(envelope.clientIp);
  const ip = mapped ? mapped[1] : envelope.clientIp;
  const literal = isIPv6(ip) ? `[IPv6:${ip}]` : `[${ip}]`;
  // The HELO name is the client's claim: only name characters, never a line break.
  const helo = envelope.helo.replace(/[^A-Za-z0-9.:_[\]-]/g, '') || literal;
  const token = (value: string) => value.replace(/[^A-Za-z0-9.:_-]/g, '');
  const date = new Date().toUTCString().replace('GMT', '+0000');
  return (
    `Received: from ${helo} (${literal})\r\n` +
    `\tby ${token(envelope.byHost) || 'localhost'} with ${
      token(envelope.protocol) || 'SMTP'
    } id ${token(envelope.sessionId)};\r\n\t${date}\r\n`
  );
}

/**
 * The push source id: a hash of the delivered bytes (Return-Path and the
 * message), so a sender's retry of the same message (after a 4xx, or a lost
 * 250) is the same source and is recorded once.
 */
export function pushSourceId(...parts: Buffer[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return `push:${hash.digest('hex')}`;
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
  { raw, sourceId }: { raw: Buffer; sourceId: string },
  addresses: string[],
  deps: { ingest: Ingest; recipients: PushRecipients },
  onRecordError: (error: unknown) => void,
): Promise<RecipientOutcome[]> {
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
