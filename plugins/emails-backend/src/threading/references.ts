import {
  DEFAULT_SUBJECT_REFERENCE_FORMAT,
  subjectReferenceNumbers,
} from '@internal/plugin-emails-common';
import { ThreadTokenFields, ThreadTokens } from './tokens';

// The subject reference's one parser lives in emails-common, where the Email
// Preference's validation uses it too.
export {
  DEFAULT_SUBJECT_REFERENCE_FORMAT,
  subjectReferenceNumbers as subjectNumbers,
  subjectReferencePattern,
} from '@internal/plugin-emails-common';

/** The parts of a parsed message (mailparser's ParsedMail fits) that can point at a ticket. */
export interface ReplyParts {
  inReplyTo?: string;
  references?: string | string[];
  subject?: string;
  text?: string;
  html?: string | false;
}

/** Every reference of an inbound message to earlier mail or a ticket, before any look-up. */
export interface MessageReferences {
  /** In-Reply-To ids, normalised as `<id>`. */
  inReplyTo: string[];
  /** References ids, normalised, in the order of the header (oldest first). */
  references: string[];
  /** Our signed tokens in In-Reply-To, then References from the newest. */
  headerTokens: ThreadTokenFields[];
  /** Our signed tokens in the body marker (text part, then HTML part). */
  bodyTokens: ThreadTokenFields[];
  /** Ticket numbers found in the subject with the configured format, in order. */
  subjectNumbers: string[];
}

// Long References chains are legitimate (years-old threads) but each id may cost a look-up.
const MAX_HEADER_IDS = 100;
const MAX_ID_LENGTH = 998;

/** Finds every candidate reference in a parsed message, verifying our tokens on the way. */
export function extractReferences(
  mail: ReplyParts,
  options: { tokens: ThreadTokens; subjectFormat?: string },
): MessageReferences {
  const inReplyTo = messageIdsIn(mail.inReplyTo);
  const references = messageIdsIn(mail.references);
  const newestFirst = [...inReplyTo, ...[...references].reverse()];
  return {
    inReplyTo,
    references,
    headerTokens: options.tokens.verify(newestFirst.join(' ')),
    bodyTokens: options.tokens.verify(
      [mail.text ?? '', typeof mail.html === 'string' ? mail.html : ''].join(
        '\n',
      ),
    ),
    subjectNumbers: subjectReferenceNumbers(
      mail.subject,
      options.subjectFormat ?? DEFAULT_SUBJECT_REFERENCE_FORMAT,
    ),
  };
}

/**
 * The Message-IDs in an In-Reply-To or References header, normalised, each
 * once, in order. Tolerates comments, missing brackets and folded lines.
 */
export function messageIdsIn(header: string | string[] | undefined): string[] {
  const values = Array.isArray(header) ? header : [header ?? ''];
  const ids: string[] = [];
  for (const value of values) {
    const bracketed = value.match(/<[^<>\s]+>/g);
    // Some mailers omit the brackets; then only words that look like ids count.
    const words = bracketed ?? value.split(/\s+/).filter(w => w.includes('@'));
    for (const word of words) {
      const id = normaliseMessageId(word);
      if (id && !ids.includes(id)) ids.push(id);
      if (ids.length >= MAX_HEADER_IDS) return ids;
    }
  }
  return ids;
}

/**
 * A Message-ID in the one form we store and compare: `<local@domain>`, no
 * whitespace, case kept (the local part is case-sensitive). Store ids of
 * ticket messages in this form so look-ups match.
 */
export function normaliseMessageId(id: string | undefined): string | undefined {
  const inner = (id ?? '').trim().replace(/^<+/, '').replace(/>+$/, '');
  if (!inner || inner.length > MAX_ID_LENGTH || /[\s<>]/.test(inner)) {
    return undefined;
  }
  return `<${inner}>`;
}
