// The rules every attachment meets, whichever way it travels: inbound mail
// (src/ingest/steps/attachments.ts) and technicians' replies
// (src/ticketing/TicketReplyService.ts) apply these same functions.
import { EmailPreferences } from '@internal/plugin-emails-common';
import { contentMismatch, sniffContent } from './sniff';

/** Attachment limits from the Email Preference. */
export interface AttachmentLimits {
  maxAttachmentBytes: number;
  maxInlineImageBytes: number;
  blockedExtensions: string[];
}

/** One file to check: its (already safe) name, bytes and whether it is an inline image. */
export interface CheckedFile {
  filename: string;
  content: Buffer;
  inline: boolean;
}

const MB = 1024 * 1024;

/** The Email Preference's `limits` as {@link AttachmentLimits}. */
export function attachmentLimitsOf(
  limits: EmailPreferences['limits'],
): AttachmentLimits {
  return {
    maxAttachmentBytes: limits.maxAttachmentSizeMb * MB,
    maxInlineImageBytes: limits.maxInlineImageSizeMb * MB,
    blockedExtensions: limits.blockedExtensions,
  };
}

// C0 and C1 controls, DEL, and the bidirectional formatting characters that
// make "invoice\u202Etxt.exe" read as "invoiceexe.txt".
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const RESERVED = '<>:"|?*';

/** A safe file name: no path, no control characters, bounded length. */
export function safeFilename(
  name: string | undefined,
  fallback: string,
): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .map(c => (CONTROL.test(c) || RESERVED.includes(c) ? '_' : c))
    .join('')
    .trim()
    .slice(0, 200)
    // Windows drops trailing dots and spaces: "setup.exe." would run as setup.exe.
    .replace(/[. ]+$/, '');
  return cleaned || fallback;
}

/**
 * Why a file name a client chose cannot be used, or undefined. Folders and
 * control characters are refused rather than cut away, so the technician
 * sees what happened; other characters are made safe by {@link safeFilename}.
 */
export function fileNameProblem(name: string): string | undefined {
  if (/[\\/]/.test(name))
    return 'must be a file name without folders (/ or \\)';
  if (CONTROL.test(name)) return 'must not contain control characters';
  if (!safeFilename(name, '')) return 'must be a file name';
  return undefined;
}

function extensionOf(filename: string): string {
  return filename.includes('.')
    ? filename.split('.').pop()!.toLocaleLowerCase('en-US')
    : '';
}

/** Why a file is refused: the reason in seed 003's words, and whether its name or its content is at fault. */
export interface AttachmentProblem {
  of: 'filename' | 'content';
  reason: string;
}

/** Checks one file: empty, blocked extension, size, content vs extension; undefined when it may pass. */
export async function attachmentProblem(
  file: CheckedFile,
  limits: AttachmentLimits,
): Promise<AttachmentProblem | undefined> {
  const ext = extensionOf(file.filename);
  const content = (reason: string) => ({ of: 'content' as const, reason });
  if (file.content.length === 0)
    return content('Attachment contains empty files');
  if (limits.blockedExtensions.some(b => b.toLocaleLowerCase('en-US') === ext))
    return {
      of: 'filename',
      reason: `Attachment files contain invalid extensions (.${ext} is blocked)`,
    };
  const max = file.inline
    ? limits.maxInlineImageBytes
    : limits.maxAttachmentBytes;
  if (file.content.length > max) {
    return content(
      `Attachment size exceeds the configured limit (${file.content.length} bytes > ${max})`,
    );
  }
  // Sniffed only now: the size limit above bounds what the sniffer reads.
  const mismatch = contentMismatch(ext, await sniffContent(file.content));
  return mismatch
    ? content(
        `Attachment files contain invalid content type (${mismatch.detail})`,
      )
    : undefined;
}
