import { TraceEntry } from '@internal/plugin-emails-common';
import { EmailsTicketing } from '@internal/plugin-emails-node';

/** An attachment the pipeline dropped, with seed 003's reason. */
export interface DroppedAttachment {
  filename: string;
  reason: string;
}

/**
 * The attachments one run of the pipeline dropped, read from its trace
 * (step `attachments`, decision `dropped`), where the attachment check
 * records each one: the trace is the single record of what was decided.
 */
export function droppedAttachmentsIn(
  trace: readonly TraceEntry[],
): DroppedAttachment[] {
  return trace.flatMap(entry => {
    const { filename, reason } = entry.detail ?? {};
    return entry.step === 'attachments' &&
      entry.decision === 'dropped' &&
      typeof filename === 'string' &&
      typeof reason === 'string'
      ? [{ filename, reason }]
      : [];
  });
}

/** The internal note's text: each dropped file and why, one a line. */
export function droppedAttachmentsText(dropped: DroppedAttachment[]): string {
  const lines = dropped.map(d => `- ${d.filename}: ${d.reason}`);
  return [
    `${
      dropped.length === 1 ? 'An attachment was' : 'Attachments were'
    } removed from this email:`,
    ...lines,
  ].join('\n');
}

/**
 * Tells the technicians on the ticket which attachments of a message were
 * dropped and why (seed 003 notifies about stripped attachments), so a
 * disguised executable or a blocked file does not vanish unnoticed. An
 * internal note, once per message: a replay adds no second one.
 */
export async function noteDroppedAttachments(
  ticketing: EmailsTicketing,
  note: { messageId: string; ticketId: string; dropped: DroppedAttachment[] },
): Promise<void> {
  if (!note.dropped.length) return;
  await ticketing.appendEntry({
    idempotencyKey: `inbound:${note.messageId}:dropped-attachments`,
    ticketId: note.ticketId,
    author: { address: '', name: 'Attachment check' },
    kind: 'note',
    bodyText: droppedAttachmentsText(note.dropped),
    messageId: note.messageId,
    attachmentIds: [],
  });
}
