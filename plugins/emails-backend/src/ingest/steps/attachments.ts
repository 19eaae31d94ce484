import { Attachment } from 'mailparser';
import {
  AttachmentLimits,
  attachmentProblem,
  safeFilename,
} from '../../attachments/rules';
import { NewAttachment } from '../../database';

// The rules live in src/attachments/, shared with technicians' replies.
export { safeFilename } from '../../attachments/rules';
export type { AttachmentLimits } from '../../attachments/rules';

/** The files kept, and those dropped with seed 003's reasons. */
export interface CheckedAttachments {
  kept: NewAttachment[];
  dropped: { filename: string; reason: string }[];
}

/** Checks each attachment and inline image; nothing is dropped silently. */
export async function checkAttachments(
  files: Attachment[],
  limits: AttachmentLimits,
): Promise<CheckedAttachments> {
  const result: CheckedAttachments = { kept: [], dropped: [] };
  for (const [index, file] of files.entries()) {
    const inline = file.contentDisposition === 'inline' && !!file.cid;
    const filename = safeFilename(
      file.filename,
      `${inline ? 'inline' : 'attachment'}-${index + 1}`,
    );
    const problem = await attachmentProblem(
      { filename, content: file.content, inline },
      limits,
    );
    if (problem) {
      result.dropped.push({ filename, reason: problem.reason });
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
  }
  return result;
}
