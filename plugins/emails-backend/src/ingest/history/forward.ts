import { Mailbox, parseMailbox } from './address';
import { parseHtml } from './dom';
import { indexHtml } from './htmlLines';
import { banner, HeaderKind, headerLine, isUnderscoreLine } from './patterns';
import { isHeaderBlock, QuoteLine } from './separators';
import { subjectKind, withoutForwardPrefix } from './subject';

/** A mail a technician may have forwarded. */
export interface ForwardInput {
  subject?: string;
  text?: string;
  html?: string;
  /** Messages attached as message/rfc822, as "forward as attachment" sends them. */
  attachedMessages?: { from?: string; subject?: string; date?: string }[];
}

/** Who the forwarded mail came from, and what the forwarder added. */
export interface Forward {
  originalFrom: Mailbox;
  originalSubject?: string;
  /** The date as the forwarding client wrote it, not parsed. */
  originalDate?: string;
  /** What the forwarder wrote above the forwarded mail. */
  note?: string;
}

interface Block {
  /** The line of the banner or header block; the note is above it. */
  at: number;
  /** The first line of the forwarded headers. */
  headers: number;
}

// Forwarded headers sit right below their banner; a longer run is a body.
const MAX_HEADER_LINES = 15;

/**
 * Finds the original sender of a forwarded mail. Banners that only forwards
 * carry (Gmail, Thunderbird, Apple Mail) count on any subject but a reply's;
 * Outlook writes the same header block for replies and forwards, so it only
 * counts under a forward prefix (FW:, WG:, TR:, …), as does an attached message.
 */
export function parseForward(mail: ForwardInput): Forward | undefined {
  const kind = subjectKind(mail.subject);
  if (kind === 'reply') return undefined;
  const outlook = kind === 'forward';
  let seen = false;
  for (const lines of bodies(mail)) {
    const block = forwardBlock(lines, outlook);
    const found = block && fromBlock(lines, block, mail.subject);
    if (found) return found;
    // The HTML may name the address the text left out; an attached message
    // is no fallback for an inline forward whose sender we cannot read.
    seen ||= !!block;
  }
  return outlook && !seen ? fromAttachment(mail) : undefined;
}

// The plain text first; the HTML too, for mail sent without a text part.
function* bodies(mail: ForwardInput): Generator<QuoteLine[]> {
  if (mail.text) {
    yield mail.text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map(text => ({ text, quoted: false }));
  }
  if (mail.html) yield indexHtml(parseHtml(mail.html)).lines;
}

function forwardBlock(lines: QuoteLine[], outlook: boolean): Block | undefined {
  for (let i = 0; i < lines.length; i++) {
    const kind = banner(lines[i].text);
    if (kind === 'forward' || (kind === 'original' && outlook)) {
      return { at: i, headers: i + 1 };
    }
    if (outlook && isUnderscoreLine(lines[i].text)) {
      // Outlook may leave one blank line under its rule.
      const next = lines[i + 1]?.text.trim() ? i + 1 : i + 2;
      if (next < lines.length && isHeaderBlock(lines, next)) {
        return { at: i, headers: next };
      }
    }
    if (outlook && isHeaderBlock(lines, i)) return { at: i, headers: i };
  }
  return undefined;
}

function fromBlock(
  lines: QuoteLine[],
  block: Block,
  subject: string | undefined,
): Forward | undefined {
  const headers = readHeaders(lines, block.headers);
  const originalFrom = parseMailbox(headers.get('from') ?? '');
  if (!originalFrom) return undefined;
  const note = lines
    .slice(0, block.at)
    .map(l => l.text)
    .join('\n')
    .trim();
  return {
    originalFrom,
    originalSubject:
      headers.get('subject') || withoutForwardPrefix(subject) || undefined,
    originalDate: headers.get('date') || undefined,
    ...(note ? { note } : {}),
  };
}

/**
 * The "Label: value" lines after a banner: Apple Mail leaves a blank line
 * and quotes them with "> ", Thunderbird separates label and value by a
 * tab; a header continues on lines that are indented or follow a comma.
 */
function readHeaders(
  lines: QuoteLine[],
  from: number,
): Map<HeaderKind, string> {
  const headers = new Map<HeaderKind, string>();
  let previous = '';
  const end = Math.min(lines.length, from + MAX_HEADER_LINES);
  for (let i = from; i < end; i++) {
    const text = lines[i].text.replace(/^\s*(?:>\s?)+/, '');
    if (text.trim() === '') {
      if (headers.size > 0) break;
      continue;
    }
    const header = headerLine(text);
    if (header) {
      if (!headers.has(header.kind)) headers.set(header.kind, header.value);
      previous = header.value;
    } else if (!/^\s/.test(text) && !/[,;]$/.test(previous)) {
      break;
    }
  }
  return headers;
}

function fromAttachment(mail: ForwardInput): Forward | undefined {
  for (const message of mail.attachedMessages ?? []) {
    const originalFrom = parseMailbox(message.from ?? '');
    if (originalFrom) {
      const note = mail.text?.trim();
      return {
        originalFrom,
        originalSubject:
          message.subject || withoutForwardPrefix(mail.subject) || undefined,
        originalDate: message.date || undefined,
        ...(note ? { note } : {}),
      };
    }
  }
  return undefined;
}
