import { Stores } from '../../database';
import { IngestStep, mailOf } from '../pipeline/context';
import { StopProcessing } from '../trace';

/** Step 4's duplicate check: the same Message-ID again within the window makes no second ticket. */
export function duplicateStep(deps: { stores: Stores }): IngestStep {
  return {
    name: 'duplicate',
    async run(ctx) {
      const { message, prefs } = ctx;
      const mail = mailOf(ctx);
      if (!mail.messageId) return;
      const hours = prefs.loopProtection.duplicateWindowHours;
      const earlier = await deps.stores.inboundMessages.sameMessageSince(
        mail.messageId,
        new Date(Date.now() - hours * 3600_000),
        message.id,
      );
      if (
        !earlier ||
        new Date(earlier.receivedAt) > new Date(message.receivedAt)
      )
        return;
      const reason = `Same Message-ID as message ${earlier.id} (server ${
        earlier.serverId
      }) within ${hours} h${
        earlier.ticketId ? `, ticket REQ-${earlier.ticketId}` : ''
      }`;
      ctx.trace.add('duplicate', 'duplicate', { of: earlier.id });
      throw new StopProcessing('duplicate', reason);
    },
  };
}
