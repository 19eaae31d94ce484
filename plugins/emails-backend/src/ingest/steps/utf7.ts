/**
 * UTF-7 (RFC 2152). mailparser (libmime) refuses it on purpose, because
 * `+ADw-script+AD4-` turns into `<script>` after a filter looked for `<`;
 * our HTML is sanitised after decoding (steps/sanitize.ts) and text is
 * shown as text, so we decode it rather than show the encoded form.
 */

/** Names mail uses for UTF-7, compared without case and punctuation. */
export function isUtf7(charset: string | undefined): boolean {
  return /^(?:(?:cs)?unicode11)?utf7$/.test(
    (charset ?? '').toLowerCase().replace(/[^a-z0-9]/g, ''),
  );
}

/** Decodes UTF-7 text: `+` starts modified base64 of UTF-16 until a non-base64 character; `+-` is `+`. */
export function decodeUtf7(text: string): string {
  return text.replace(/\+([A-Za-z0-9+/]*)-?/g, (match, encoded: string) => {
    if (!encoded) return match === '+-' ? '+' : match;
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.length < 2) return match;
    let decoded = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      decoded += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
    }
    return decoded;
  });
}

const UTF7_WORD =
  /=\?((?:csunicode11|unicode-1-1-)?utf-?7)(?:\*[^?]*)?\?([QqBb])\?([^?\s]*)\?=/gi;

/** Rewrites RFC 2047 encoded words in UTF-7 as UTF-8 ones, which mailparser decodes. */
export function utf7WordsToUtf8(header: string): string {
  return header.replace(UTF7_WORD, (_word, _charset, kind: string, value) => {
    const bytes =
      kind.toUpperCase() === 'B'
        ? Buffer.from(value, 'base64')
        : Buffer.from(
            value
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_m: string, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            'latin1',
          );
    const text = decodeUtf7(bytes.toString('latin1'));
    return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
  });
}
