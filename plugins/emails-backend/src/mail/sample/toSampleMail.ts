import { SampleMail } from '@internal/plugin-emails-common';
import {
  AddressObject,
  EmailAddress,
  ParsedMail,
  simpleParser,
} from 'mailparser';

/** Longest text excerpt a sample shows. */
export const EXCERPT_CHARS = 2000;

// Inbound mail is hostile: bound what the parser may spend on one message.
const PARSER_LIMITS = {
  maxHtmlLengthToParse: 2 * 1024 * 1024,
  maxHeadSize: 256 * 1024,
  maxChildNodes: 200,
  skipImageLinks: true,
  keepCidLinks: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  checksumAlgo: false as const,
};

/** The empty-mailbox answer. */
export function noSample(): SampleMail {
  return { found: false, to: [], cc: [], attachments: [] };
}

function flatten(addresses: EmailAddress[]): string[] {
  return addresses.flatMap(a => {
    if (a.group) return flatten(a.group);
    return a.address ? [a.address] : [];
  });
}

function plainAddresses(field?: AddressObject | AddressObject[]): string[] {
  if (!field) return [];
  return flatten([field].flat().flatMap(f => f.value));
}

function excerpt(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  // Cut by code points, so a surrogate pair is never split in half.
  return Array.from(trimmed.slice(0, EXCERPT_CHARS * 2))
    .slice(0, EXCERPT_CHARS)
    .join('');
}

/**
 * The Date header as ISO text. Read from the raw header line because
 * mailparser replaces an unparseable date with the current time, which a
 * sample must not show as the message's date.
 */
function isoDate(headerLines: ParsedMail['headerLines']): string | undefined {
  const line = headerLines.find(h => h.key === 'date')?.line;
  if (!line) return undefined;
  const date = new Date(
    line
      .slice(line.indexOf(':') + 1)
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * Parses a raw message into what Fetch a sample mail shows. With
 * `headersOnly` (a message above the size cap) only the header block is
 * parsed: no excerpt and no attachments.
 */
export async function toSampleMail(
  raw: Buffer,
  sizeBytes: number,
  headersOnly = false,
): Promise<SampleMail> {
  const parsed = await simpleParser(
    headersOnly ? headerBlock(raw) : raw,
    PARSER_LIMITS,
  );
  const from = plainAddresses(parsed.from)[0];
  return {
    found: true,
    messageId: parsed.messageId,
    date: isoDate(parsed.headerLines),
    from,
    to: plainAddresses(parsed.to),
    cc: plainAddresses(parsed.cc),
    subject: parsed.subject,
    sizeBytes,
    textExcerpt: headersOnly ? undefined : excerpt(parsed.text),
    attachments: parsed.attachments.map(a => ({
      filename: a.filename ?? '(unnamed)',
      contentType: a.contentType,
      sizeBytes: a.size,
    })),
    ticket: {
      title: parsed.subject?.trim() || '(no subject)',
      requester: from ?? '',
    },
  };
}

/** The header block of a raw message, up to and including the blank line. */
export function headerBlock(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf >= 0 ? crlf + 4 : -1, lf >= 0 ? lf + 2 : -1].filter(
    i => i >= 0,
  );
  return ends.length > 0 ? raw.subarray(0, Math.min(...ends)) : raw;
}
