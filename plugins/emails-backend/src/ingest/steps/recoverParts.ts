import { createHash } from 'node:crypto';
import { Attachment, ParsedMail, simpleParser } from 'mailparser';
import { decodeBinHex } from './binhex';
import { textFromHtml } from './htmlText';
import { SHOWN_INLINE_HEADER } from './repairHeaders';
import { extractUuencoded } from './uuencode';

// Enough of an attached message to read its Subject; the rest is not parsed again.
const EMBEDDED_HEADER_BYTES = 64 * 1024;

/** A file recovered from text or a legacy encoding, shaped like mailparser's attachments. */
function recovered(
  filename: string,
  content: Buffer,
  contentType = 'application/octet-stream',
): Attachment {
  return {
    type: 'attachment',
    content,
    contentType,
    contentDisposition: 'attachment',
    filename,
    headers: new Map(),
    headerLines: [],
    checksum: createHash('md5').update(content).digest('hex'),
    size: content.length,
    related: false,
  } as unknown as Attachment;
}

/** Decodes an x-uuencode or BinHex part into its files; other parts come back as they are. */
function decodeLegacyPart(file: Attachment): Attachment[] {
  const encoding = String(file.headers.get('content-transfer-encoding') ?? '');
  const head = file.content.subarray(0, 512).toString('latin1');
  if (
    /^x-?uu(?:encode|e)?$/i.test(encoding) ||
    /^begin [0-7]{3,4} /m.test(head)
  ) {
    const { files } = extractUuencoded(file.content.toString('latin1'));
    // One file is the part's own (its MIME name wins); more keep their names.
    if (files.length === 1) {
      const name = file.filename ?? files[0].filename;
      return [
        { ...file, ...recovered(name, files[0].content, file.contentType) },
      ];
    }
    if (files.length) return files.map(f => recovered(f.filename, f.content));
  }
  if (
    file.contentType === 'application/mac-binhex40' ||
    head.includes('(This file must be converted with BinHex')
  ) {
    const binhex = decodeBinHex(file.content.toString('latin1'));
    if (binhex)
      return [{ ...file, ...recovered(binhex.filename, binhex.content) }];
  }
  return [file];
}

/** An attached message without a file name is named from its subject. */
async function nameEmbeddedMessage(file: Attachment): Promise<Attachment> {
  if (file.contentType !== 'message/rfc822' || file.filename) return file;
  const head = file.content
    .subarray(0, EMBEDDED_HEADER_BYTES)
    .toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const headers = Buffer.from(end >= 0 ? head.slice(0, end) : head, 'latin1');
  const inner = await simpleParser(
    Buffer.concat([headers, Buffer.from('\r\n\r\n')]),
  );
  const subject = (inner.subject ?? '').trim();
  return { ...file, filename: `${subject || 'message'}.eml` };
}

/** The text of a named text part, in its charset (UTF-8 when unknown). */
function textOf(file: Attachment): string {
  const type = file.headers.get('content-type') as
    | { params?: Record<string, string> }
    | undefined;
  try {
    return new TextDecoder(type?.params?.charset ?? 'utf-8').decode(
      file.content,
    );
  } catch {
    return file.content.toString('utf8');
  }
}

/**
 * After mailparser: decodes uuencoded and BinHex files (in text bodies and in
 * x-uuencode / application/mac-binhex40 parts), keeps the text of named text
 * parts in the body as well, names attached messages `<subject>.eml`, and
 * gives HTML-only mail over mailparser's HTML limit a text body.
 */
export async function recoverParts(
  mail: ParsedMail,
  maxHtmlChars: number,
): Promise<ParsedMail> {
  const attachments: Attachment[] = [];
  const shown = { text: [mail.text ?? ''], html: [] as string[] };
  for (const file of mail.attachments) {
    if (file.headers.get(SHOWN_INLINE_HEADER.toLowerCase())) {
      const text = textOf(file);
      // An empty named part is no file to keep (mailparser leaves it a line break).
      if (!text.trim()) continue;
      (file.contentType === 'text/html' ? shown.html : shown.text).push(text);
    }
    for (const part of decodeLegacyPart(file)) {
      attachments.push(await nameEmbeddedMessage(part));
    }
  }
  let text = shown.text.filter(Boolean).join('\n');
  if (/^begin /m.test(text)) {
    const uu = extractUuencoded(text);
    text = uu.text;
    attachments.push(...uu.files.map(f => recovered(f.filename, f.content)));
  }
  const html =
    [typeof mail.html === 'string' ? mail.html : '', ...shown.html]
      .filter(Boolean)
      .join('\n') || mail.html;
  // mailparser leaves the text empty for HTML over its parse limit.
  if (!text.trim() && typeof html === 'string') {
    text = textFromHtml(html, maxHtmlChars);
  }
  return Object.assign(mail, {
    attachments,
    text: text || mail.text,
    html,
  });
}
