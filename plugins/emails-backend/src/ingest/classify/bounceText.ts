import { HeaderLines } from 'mailparser';
import { parseHeaderBlock } from './headers';
import type { FailedRecipient } from './bounce';

/**
 * Sentences that open the list of failed recipients in bounces without a
 * delivery-status report. Only permanent failures: a delay warning ("YOU
 * DO NOT NEED TO RESEND") names no failed recipient.
 */
const PERMANENT_FAILURE = [
  /The following addresses had permanent fatal errors/i, // sendmail
  /following address\(es\) failed/i, // Exim
  /wasn't able to deliver your message to the following addresses/i, // qmail
  /Delivery to the following recipients? failed permanently/i, // Gmail, old
  /Delivery has failed to these recipients or groups/i, // Exchange
  /Your message to \S+ couldn't be delivered/i, // Exchange Online
  /could not be delivered to one or more recipients/i, // Postfix
  /Unable to deliver message to the following recipients/i,
];

/** Where the copy of the returned message starts: no failed recipient is named after it. */
const RETURNED_COPY =
  /^.*(copy of the message|original message|returned message|message headers follow|below this line is a copy|original message headers|original message details).*$/im;

const ADDRESS = /[a-z0-9._%+'=-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}/gi;
const ENHANCED_STATUS = /\b([245]\.\d{1,3}\.\d{1,3})\b/;
// `550 5.1.1 …`, also after Exchange's `#` and sendmail's `(reason: `.
const SMTP_REPLY = /(?:^|[\s#])([45]\d\d[ -])/m;
const MAX_REGION = 4000;

/**
 * The failed recipients a bounce names in prose, or undefined when its text
 * is not a known bounce. Each address found between the opening sentence
 * and the returned copy is one recipient; the lines after it up to the next
 * address are searched for the SMTP reply and the enhanced status code.
 */
export function failedRecipientsInText(
  text: string,
): FailedRecipient[] | undefined {
  const opening = PERMANENT_FAILURE.map(p => p.exec(text)).find(m => !!m);
  if (!opening) return undefined;
  let region = text.slice(opening.index, opening.index + MAX_REGION);
  const copy = RETURNED_COPY.exec(region.slice(opening[0].length));
  if (copy) region = region.slice(0, opening[0].length + copy.index);
  const occurrences = [...region.matchAll(ADDRESS)]
    .map(m => ({ address: m[0].toLowerCase(), index: m.index ?? 0 }))
    .filter(o => !/^(mailer-daemon|postmaster)@/.test(o.address));
  const firsts = occurrences.filter(
    (o, i) => occurrences.findIndex(p => p.address === o.address) === i,
  );
  return firsts.map((o, i) => {
    const segment = region.slice(o.index, firsts[i + 1]?.index);
    const status = ENHANCED_STATUS.exec(segment)?.[1];
    const diagnostic = smtpReply(segment);
    return {
      address: o.address,
      ...(status ? { status } : {}),
      ...(diagnostic ? { diagnostic } : {}),
    };
  });
}

/** The SMTP reply in a segment, with its wrapped lines, up to a blank line. */
function smtpReply(segment: string): string | undefined {
  const match = SMTP_REPLY.exec(segment);
  if (!match) return undefined;
  const rest = segment.slice(match.index + match[0].length - match[1].length);
  const end = rest.search(/\r?\n[ \t]*\r?\n/);
  return rest
    .slice(0, end < 0 ? undefined : end)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

/**
 * The headers of the returned message when a bounce quotes them in its
 * text: the header block around the first `Message-ID:` line.
 */
export function inlineOriginalHeaders(text: string): HeaderLines | undefined {
  const line = /^message-id:[ \t]*<[^>\n]+>/im.exec(text);
  if (!line) return undefined;
  const before = text.lastIndexOf('\n\n', line.index);
  const after = text.indexOf('\n\n', line.index);
  return parseHeaderBlock(
    text.slice(before < 0 ? 0 : before + 2, after < 0 ? undefined : after),
  );
}
