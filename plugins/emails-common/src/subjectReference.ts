/**
 * The ticket reference in subjects (Email Preference `subjectReferenceFormat`,
 * e.g. `[REQ-{number}]`): written into every subject we send and read back
 * from every subject we receive. Validation, formatting and parsing share
 * these functions, so a format that is accepted is one that threads.
 */

/** The default ticket reference in subjects. */
export const DEFAULT_SUBJECT_REFERENCE_FORMAT = '[REQ-{number}]';

const PLACEHOLDER = '{number}';
const MAX_SUBJECT_NUMBERS = 10;
const WORD_START = '(?<![A-Za-z0-9])';
const WORD_END = '(?![A-Za-z0-9])';
// Numbers a round trip is tried with: one digit, several, and long ones.
const SAMPLE_NUMBERS = ['7', '42', '1000', '123456789012'];

/** A subject reference format that cannot be read back; `problem` reads after the field name. */
export class SubjectReferenceFormatError extends Error {
  constructor(readonly problem: string) {
    super(`The subject reference format ${problem}`);
    this.name = 'SubjectReferenceFormatError';
  }
}

/** The reference for one ticket number, as written into a subject. */
export function formatSubjectReference(format: string, number: string): string {
  return format.replace(PLACEHOLDER, number);
}

/**
 * A global regular expression for a subject reference format: everything
 * but `{number}` is matched literally (any case), so an administrator's
 * format cannot inject a pattern. Throws SubjectReferenceFormatError for a
 * format without exactly one `{number}`.
 */
export function subjectReferencePattern(format: string): RegExp {
  const parts = format.split(PLACEHOLDER);
  if (parts.length !== 2) {
    throw new SubjectReferenceFormatError('must contain exactly one {number}');
  }
  const [before, after] = parts.map(escapeRegExp);
  // Without bracketing characters, "XREQ-1", "REQ-12" or "REQ-1x" must not read as "REQ-1".
  const start = /^([A-Za-z0-9]|\{number\})/.test(format) ? WORD_START : '';
  const end = /([A-Za-z0-9]|\{number\})$/.test(format) ? WORD_END : '';
  return new RegExp(`${start}${before}(\\d{1,18})${after}${end}`, 'gi');
}

/** The ticket numbers a subject refers to with the format, each once, in order. */
export function subjectReferenceNumbers(
  subject: string | undefined,
  format: string = DEFAULT_SUBJECT_REFERENCE_FORMAT,
): string[] {
  const numbers: string[] = [];
  // Reply and forward prefixes (RE:, AW:, FW:, WG:...) need no stripping: the reference is found anywhere.
  for (const match of (subject ?? '').matchAll(
    subjectReferencePattern(format),
  )) {
    // Kept as written (leading zeros too): the ticketing knows how its numbers look.
    const number = match[1];
    if (!numbers.includes(number)) numbers.push(number);
    if (numbers.length >= MAX_SUBJECT_NUMBERS) break;
  }
  return numbers;
}

/**
 * Why a format cannot be used, or undefined: it must parse (exactly one
 * `{number}`), and the reference it writes for a ticket, in a reply's
 * subject, must be read back as that ticket and nothing else.
 */
export function subjectReferenceFormatProblem(
  format: string,
): string | undefined {
  try {
    subjectReferencePattern(format);
  } catch (error) {
    if (error instanceof SubjectReferenceFormatError) return error.problem;
    throw error;
  }
  for (const number of SAMPLE_NUMBERS) {
    const subject = `Re: ${formatSubjectReference(format, number)} Printer`;
    const read = subjectReferenceNumbers(subject, format);
    if (read.length !== 1 || read[0] !== number) {
      return `is not read back from a subject: ticket ${number} would be read as ${
        read.length ? read.join(', ') : 'no ticket'
      }`;
    }
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
