import { HeaderLines } from 'mailparser';
import { headerValue, parseContentType, parseHeaderBlock } from './headers';

/** A leaf part of a raw message, its body decoded from its transfer encoding. */
export interface MimePart {
  contentType: string;
  headers: HeaderLines;
  /** The decoded body as latin1 text (binary-safe; report parts are ASCII). */
  body: string;
}

/** Bounds for walking hostile input: parts beyond them are not looked at. */
const MAX_PARTS = 100;
const MAX_DEPTH = 8;

/**
 * The leaf parts of a raw message, in order. mailparser folds a
 * message/delivery-status part into the text body, so a bounce's report
 * fields are read from the raw bytes. An attached message (message/rfc822)
 * is one leaf: the walk does not enter it.
 */
export function mimeParts(raw: Buffer): MimePart[] {
  const parts: MimePart[] = [];
  walk(raw.toString('latin1'), 0, parts);
  return parts;
}

function walk(entity: string, depth: number, parts: MimePart[]): void {
  if (parts.length >= MAX_PARTS) return;
  const { headers, body } = splitEntity(entity);
  const { type, params } = parseContentType(
    headerValue(headers, 'content-type'),
  );
  if (type.startsWith('multipart/') && params.boundary && depth < MAX_DEPTH) {
    for (const child of splitMultipart(body, params.boundary)) {
      walk(child, depth + 1, parts);
    }
    return;
  }
  const encoding = headerValue(headers, 'content-transfer-encoding');
  parts.push({ contentType: type, headers, body: decode(body, encoding) });
}

function splitEntity(entity: string): { headers: HeaderLines; body: string } {
  const end = /\r?\n\r?\n/.exec(entity);
  if (!end) return { headers: parseHeaderBlock(entity), body: '' };
  return {
    headers: parseHeaderBlock(entity.slice(0, end.index)),
    body: entity.slice(end.index + end[0].length),
  };
}

/** The bodies between `--boundary` lines, up to `--boundary--` (or the end, when it is missing). */
function splitMultipart(body: string, boundary: string): string[] {
  const children: string[] = [];
  let current: string[] | undefined;
  for (const line of body.split(/\r?\n/)) {
    const delimiter = line.trimEnd();
    if (delimiter === `--${boundary}--`) break;
    if (delimiter === `--${boundary}`) {
      if (current) children.push(current.join('\r\n'));
      current = [];
    } else if (current) {
      current.push(line);
    }
  }
  if (current) children.push(current.join('\r\n'));
  return children;
}

function decode(body: string, encoding: string | undefined): string {
  const cte = (encoding ?? '').trim().toLowerCase();
  if (cte === 'base64') {
    return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString(
      'latin1',
    );
  }
  if (cte === 'quoted-printable') {
    return body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_, hex) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
  }
  return body;
}
