import { EmailsTicketing } from '@internal/plugin-emails-node';

/** An attachment the pipeline dropped, with seed 003's reason. */
export interface DroppedAttachment {
  filename: string;
  reason: string;
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
