import { Attachment } from 'mailparser';
import { NewAttachment } from '../../database';

/** Attachment limits from the Email Preference. */
export interface AttachmentLimits {
  maxAttachmentBytes: number;
  maxInlineImageBytes: number;
  blockedExtensions: string[];
}

/** The files kept, and those dropped with seed 003's reasons. */
export interface CheckedAttachments {
  kept: NewAttachment[];
  dropped: { filename: string; reason: string }[];
}

// Signatures of common types, to catch a file whose content contradicts its
// extension (seed 003: "invalid content type").
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  png: b =>
    b
      .subarray(0, 8)
      .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpg: b => b[0] === 0xff && b[1] === 0xd8,
  jpeg: b => b[0] === 0xff && b[1] === 0xd8,
  gif: b => b.subarray(0, 4).toString('latin1') === 'GIF8',
  pdf: b => b.subarray(0, 5).toString('latin1') === '%PDF-',
  zip: b => b[0] === 0x50 && b[1] === 0x4b,
};

/** A safe file name: no path, no control characters, bounded length. */
export function safeFilename(
  name: string | undefined,
  fallback: string,
): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .map(c => (c < ' ' || c === '\u007f' || '<>:"|?*'.includes(c) ? '_' : c))
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}

/** Checks each attachment and inline image; nothing is dropped silently. */
export function checkAttachments(
  files: Attachment[],
  limits: AttachmentLimits,
): CheckedAttachments {
  const result: CheckedAttachments = { kept: [], dropped: [] };
  files.forEach((file, index) => {
    const inline = file.contentDisposition === 'inline' && !!file.cid;
    const filename = safeFilename(
      file.filename,
      `${inline ? 'inline' : 'attachment'}-${index + 1}`,
    );
    const reason = problemOf(file, filename, inline, limits);
    if (reason) {
      result.dropped.push({ filename, reason });
    } else {
      result.kept.push({
        filename,
        contentType: (
          file.contentType || 'application/octet-stream'
        ).toLocaleLowerCase('en-US'),
        inline,
        contentId: file.cid || undefined,
        content: file.content,
      });
    }
  });
  return result;
}

function problemOf(
  file: Attachment,
  filename: string,
  inline: boolean,
  limits: AttachmentLimits,
) {
  const ext = filename.includes('.')
    ? filename.split('.').pop()!.toLocaleLowerCase('en-US')
    : '';
  if (file.content.length === 0) return 'Attachment contains empty files';
  if (limits.blockedExtensions.includes(ext))
    return `Attachment files contain invalid extensions (.${ext} is blocked)`;
  const max = inline ? limits.maxInlineImageBytes : limits.maxAttachmentBytes;
  if (file.content.length > max) {
    return `Attachment size exceeds the configured limit (${file.content.length} bytes > ${max})`;
  }
  const sniff = MAGIC[ext];
  if (sniff && !sniff(file.content))
    return `Attachment files contain invalid content type (content is not .${ext})`;
  return undefined;
}
