/** A file found uuencoded in a message. */
export interface UuencodedFile {
  filename: string;
  content: Buffer;
}

// `begin <mode> <name>`, the encoded lines, then `end` (POSIX uuencode).
const BLOCK =
  /^begin(?:-base64)? [0-7]{3,4} ([^\r\n]+)\r?\n((?:[^\r\n]*\r?\n)*?)end[ \t]*(?:\r?\n|$)/gm;
// Body lines use the characters space to backquote only.
const ENCODED_LINE = /^[\x20-\x60]*$/;

/**
 * Decodes one uuencoded line: its first character gives the byte count,
 * then every 4 characters carry 3 bytes, 6 bits each (offset 32, backquote
 * for 0). Encoders may drop trailing spaces (value 0): missing characters are 0.
 */
function decodeLine(line: string): Buffer {
  if (!line) return Buffer.alloc(0);
  const sixBits = (i: number) => (line.charCodeAt(i) - 32) & 63;
  const count = sixBits(0);
  const out = Buffer.alloc(count);
  let written = 0;
  for (let i = 1; written < count; i += 4) {
    const [a, b, c, d] = [i, i + 1, i + 2, i + 3].map(j =>
      j < line.length ? sixBits(j) : 0,
    );
    const triple = [
      (a << 2) | (b >> 4),
      ((b & 15) << 4) | (c >> 2),
      ((c & 3) << 6) | d,
    ];
    for (const byte of triple) if (written < count) out[written++] = byte;
  }
  return out;
}

/** Decodes the lines between `begin` and `end`; undefined when they are not uuencoded. */
function decodeBlock(body: string): Buffer | undefined {
  const chunks: Buffer[] = [];
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.replace(/[ \t]+$/, '');
    if (!ENCODED_LINE.test(trimmed)) return undefined;
    chunks.push(decodeLine(trimmed));
  }
  return Buffer.concat(chunks);
}

/**
 * Takes uuencoded files out of a text body (the way mail clients before
 * MIME attached files, still sent by some scanners and scripts): the text
 * comes back without the encoded blocks. Blocks that do not decode stay text.
 */
export function extractUuencoded(text: string): {
  text: string;
  files: UuencodedFile[];
} {
  const files: UuencodedFile[] = [];
  const rest = text.replace(BLOCK, (block, name: string, body: string) => {
    if (block.startsWith('begin-base64')) {
      files.push({
        filename: name.trim(),
        content: Buffer.from(body, 'base64'),
      });
      return '';
    }
    const content = decodeBlock(body);
    if (!content) return block;
    files.push({ filename: name.trim(), content });
    return '';
  });
  return { text: rest, files };
}
