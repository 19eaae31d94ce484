import { HeaderLines } from 'mailparser';

/**
 * Raw header values of one field, top to bottom, unfolded. The raw lines
 * (mailparser's `headerLines`) are read rather than its parsed `headers`
 * map, because that map keeps only the first of some fields, turns
 * `Return-Path: <>` into an empty address object and drops comments.
 */
export function headerValues(lines: HeaderLines, name: string): string[] {
  const key = name.toLowerCase();
  return lines
    .filter(l => l.key === key)
    .map(l => unfold(l.line.slice(l.line.indexOf(':') + 1)));
}

/** The first raw value of a header field, if present. */
export function headerValue(
  lines: HeaderLines,
  name: string,
): string | undefined {
  return headerValues(lines, name)[0];
}

/**
 * Splits a header block (an attached message's headers, a delivery-status
 * field group) into lines shaped like mailparser's `headerLines`.
 */
export function parseHeaderBlock(block: string): HeaderLines {
  const lines: { key: string; line: string }[] = [];
  for (const physical of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(physical) && lines.length) {
      lines[lines.length - 1].line += `\r\n${physical}`;
      continue;
    }
    const colon = physical.indexOf(':');
    if (colon <= 0) continue;
    lines.push({
      key: physical.slice(0, colon).trim().toLowerCase(),
      line: physical,
    });
  }
  return lines;
}

/** A content type's value and parameters (`multipart/report; report-type=delivery-status`). */
export function parseContentType(value: string | undefined): {
  type: string;
  params: Record<string, string>;
} {
  const [type, ...rest] = splitOutsideQuotes(value ?? '', ';');
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq <= 0) continue;
    const name = param.slice(0, eq).trim().toLowerCase();
    params[name] = unquote(param.slice(eq + 1).trim());
  }
  return { type: (type ?? '').trim().toLowerCase() || 'text/plain', params };
}

/** Splits on a separator that is not inside a quoted string. */
export function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted && c === '\\' && i + 1 < value.length) {
      current += c + value[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** Removes the quotes and backslash escapes of a quoted string. */
export function unquote(value: string): string {
  const match = /^"((?:[^"\\]|\\.)*)"$/s.exec(value);
  return match ? match[1].replace(/\\(.)/gs, '$1') : value;
}

function unfold(value: string): string {
  return value.replace(/\r?\n[ \t]*/g, ' ').trim();
}
