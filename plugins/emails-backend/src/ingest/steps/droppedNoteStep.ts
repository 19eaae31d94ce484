import { noteDroppedAttachments } from '../../attachments/droppedNote';
import { IngestStep } from '../pipeline/context';

/** The attachments this run dropped, noted once on the ticket the message landed on. */
export const droppedNoteStep: IngestStep = {
  name: 'dropped-attachments',
  async run(ctx) {
    if (!ctx.result) return;
    await noteDroppedAttachments(ctx.effects.ticketing, {
      messageId: ctx.message.id,
      ticketId: ctx.result.ticketId,
      dropped: ctx.droppedAttachments ?? [],
    });
  },
};
