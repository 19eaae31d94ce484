// Control characters (Cc: C0 with NUL, tabs, line breaks and ESC; DEL; C1,
// U+0080 to U+009F) and the Unicode line and paragraph separators.
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;

/**
 * Text for one line (a ticket title, a person's name): every control
 * character becomes a space, runs of spaces collapse, the ends are trimmed.
 * A NUL would fail PostgreSQL's insert; the others break lists, headers and logs.
 */
export function singleLine(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** {@link singleLine} for an optional name: an empty result is no name. */
export function singleLineName(name: string | undefined): string | undefined {
  return name === undefined ? undefined : singleLine(name) || undefined;
}

/**
 * Body text without NUL, which no mail text needs and PostgreSQL refuses to
 * store: a message with one would otherwise never become a ticket.
 */
export function withoutNul<T extends string | undefined>(text: T): T {
  return (text === undefined ? text : text.replace(/\0/g, '')) as T;
}
