import { AttachmentLimits, attachmentProblem } from '../rules';

// No blocked extensions, so every verdict is the content check's.
const limits: AttachmentLimits = {
  maxAttachmentBytes: 50 * 1024 * 1024,
  maxInlineImageBytes: 1024 * 1024,
  blockedExtensions: [],
};

/** What the attachment check says of a file: 'passes', or seed 003's reason. */
export type Verdict = 'passes' | string;

/** One row of a verdict table: what the content is, its builder, its name, the verdict. */
export type Row = [string, () => Buffer, string, Verdict];

/** Rows as objects, so test titles name the file rather than print its builder. */
export const table = (rows: Row[]) =>
  rows.map(([what, content, filename, verdict]) => ({
    what,
    content,
    filename,
    verdict,
  }));

/** The check's verdict on one attached (not inline) file, and whose fault a refusal is. */
export async function verdictOf(filename: string, content: Buffer) {
  const problem = await attachmentProblem(
    { filename, content, inline: false },
    limits,
  );
  return { verdict: problem?.reason ?? 'passes', of: problem?.of };
}
