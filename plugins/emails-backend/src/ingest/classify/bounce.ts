import { ParsedMail } from 'mailparser';
import { normalizeMessageId } from './duplicates';
import { headerValue, headerValues, parseHeaderBlock } from './headers';
import { failedRecipientsInText, inlineOriginalHeaders } from './bounceText';
import { MimePart, mimeParts } from './mimeParts';

/** A recipient a bounce says our mail could not be delivered to. */
export interface FailedRecipient {
  address: string;
  /** The enhanced status code (RFC 3463), `5.1.1`. */
  status?: string;
  /** What the remote server said, `550 5.1.1 User unknown`. */
  diagnostic?: string;
}

/** What a bounce tells us: who failed, and which of our messages bounced. */
export interface BounceReport {
  failedRecipients: FailedRecipient[];
  /** The Message-ID of the mail that bounced (normalized), to find its ticket. */
  originalMessageId?: string;
  /** Its References (normalized), when the Message-ID alone finds no ticket. */
  originalReferences?: string[];
}

const REPORT_TYPES = [
  'message/delivery-status',
  'message/global-delivery-status',
];
const ORIGINAL_TYPES = [
  'message/rfc822',
  'message/global',
  'text/rfc822-headers',
  'message/rfc822-headers',
  'message/global-headers',
];

/**
 * Reads a bounce: the delivery-status report (RFC 3464) of a
 * multipart/report, or else the text of a non-standard bounce (sendmail,
 * Exim, qmail, Exchange wording); and the headers of the returned message.
 * A report of delays only gives no failed recipients. Undefined when
 * neither a report nor a known bounce text is found.
 */
export function parseBounce(
  mail: ParsedMail,
  raw: Buffer,
): BounceReport | undefined {
  const parts = mimeParts(raw);
  const reports = parts.filter(p => REPORT_TYPES.includes(p.contentType));
  const failed = reports.length
    ? reports.flatMap(p => failedRecipientsInReport(p.body))
    : failedRecipientsInText(mail.text ?? '');
  if (!failed) return undefined;
  const original = originalOf(parts, mail.text);
  // Gmail names the bounced message in the report even when it returns no headers.
  const reported = reports
    .map(p => /^X-Original-Message-ID:[ \t]*(<[^>\r\n]+>)/im.exec(p.body)?.[1])
    .find(id => !!id);
  if (!original.originalMessageId && reported) {
    original.originalMessageId = normalizeMessageId(reported);
  }
  return { failedRecipients: failed, ...original };
}

/**
 * The per-recipient field groups of a delivery-status body that failed.
 * The address is the Original-Recipient when given (the one we wrote to,
 * before forwarding or alias expansion), else the Final-Recipient.
 */
export function failedRecipientsInReport(body: string): FailedRecipient[] {
  const failed: FailedRecipient[] = [];
  for (const group of body.split(/\r?\n[ \t]*\r?\n/)) {
    const fields = parseHeaderBlock(group);
    const final = headerValue(fields, 'final-recipient');
    if (!final) continue; // the per-message group (Reporting-MTA …)
    const action = headerValue(fields, 'action')?.toLowerCase();
    const status = headerValue(fields, 'status')?.split(/\s/)[0];
    if (action ? action !== 'failed' : !status?.startsWith('5')) continue;
    const address = addressOf(
      headerValue(fields, 'original-recipient') ?? final,
    );
    if (!address) continue;
    const diagnostic = afterType(headerValue(fields, 'diagnostic-code'));
    failed.push({
      address,
      ...(status ? { status } : {}),
      ...(diagnostic ? { diagnostic } : {}),
    });
  }
  return failed;
}

function originalOf(
  parts: MimePart[],
  text: string | undefined,
): Pick<BounceReport, 'originalMessageId' | 'originalReferences'> {
  const attached = parts.find(p => ORIGINAL_TYPES.includes(p.contentType));
  const headers = attached
    ? parseHeaderBlock(attached.body.split(/\r?\n\r?\n/)[0])
    : inlineOriginalHeaders(text ?? '');
  if (!headers) return {};
  const originalMessageId = normalizeMessageId(
    headerValue(headers, 'message-id'),
  );
  const originalReferences = headerValues(headers, 'references')
    .flatMap(v => v.match(/<[^<>\s]+>/g) ?? [])
    .map(id => normalizeMessageId(id)!);
  return {
    ...(originalMessageId ? { originalMessageId } : {}),
    ...(originalReferences.length ? { originalReferences } : {}),
  };
}

/** `rfc822; <User@Example.com>` → `user@example.com`. */
function addressOf(field: string): string | undefined {
  const address = (afterType(field) ?? '').replace(/^<|>$/g, '').trim();
  return address.includes('@') ? address.toLowerCase() : undefined;
}

/** The value after a DSN field's type prefix (`smtp; 550 …`, `rfc822; a@b`). */
function afterType(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const semicolon = field.indexOf(';');
  return (
    (semicolon < 0 ? field : field.slice(semicolon + 1)).trim() || undefined
  );
}
