import { classifiedOf, IngestStep, mailOf } from '../pipeline/context';

/**
 * Step 9's acknowledgement of a new ticket to its requester; its failure
 * never fails the message (the ticket exists).
 */
export const acknowledgeStep: IngestStep = {
  name: 'acknowledge',
  async run(ctx) {
    const { created, effects } = ctx;
    if (!created || !effects.acknowledgements) return;
    try {
      await effects.acknowledgements.acknowledge({
        ticket: created.ticket,
        automatic: created.automatic,
        ownAddresses: ctx.own ?? new Set(),
        sender: classifiedOf(ctx).sender,
        requesterIsCatalogUser: created.requesterIsCatalogUser,
        inboundId: ctx.message.id,
        mail: mailOf(ctx),
        prefs: ctx.prefs,
        trace: ctx.trace,
      });
    } catch (error) {
      ctx.trace.add('acknowledge', 'failed', { reason: String(error) });
    }
  },
};
