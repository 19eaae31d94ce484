import { Stores } from '../../database';
import { ThreadTokens } from '../../threading';
import { NewTicketStep, UserLookup } from '../NewTicketStep';
import {
  classifiedOf,
  IngestStep,
  mailOf,
  MessageContext,
} from '../pipeline/context';
import { ReplyHandler, TechnicianLookup } from '../replies';

/** What threading and replies need besides the message's context. */
export interface ReplyDeps {
  stores: Stores;
  tokens: ThreadTokens;
  isTechnician: TechnicianLookup;
}

/** The reply handler over this run's effects (a dry run's ticketing records). */
export function replyHandler(
  deps: ReplyDeps & { findUser?: UserLookup },
  ctx: MessageContext,
) {
  return new ReplyHandler({
    ...deps,
    ticketing: () => ctx.effects.ticketing,
    markUndeliverable: ctx.effects.markUndeliverable,
  });
}

/**
 * Step 8: automatic mail as a note where it belongs, a reply added to its
 * ticket per the Email Preference, or a new ticket with the incoming email
 * rules' fields.
 */
export function ticketStep(
  deps: ReplyDeps & { findUser: UserLookup },
): IngestStep {
  return {
    name: 'ticket',
    async run(ctx) {
      const classified = classifiedOf(ctx);
      const { thread, prefs } = ctx;
      if (!thread) throw new Error('The thread step has not run');
      const replies = replyHandler(deps, ctx);
      if (
        classified.automatic.kind !== 'human' &&
        prefs.loopProtection.excludeAutoReplies
      ) {
        ctx.result = await replies.handleAutomatic(
          ctx.message,
          mailOf(ctx),
          ctx.raw,
          classified,
          thread,
          ctx.attachmentIds,
        );
        return;
      }
      const replied = await reply(ctx, replies);
      if (replied?.status === 'appended' || replied?.status === 'ticketed') {
        ctx.result = replied;
        return;
      }
      await openTicket(deps, ctx, replied?.followsTicketId);
    },
  };
}

/** A reply to a ticket its sender may add to; undefined when it opens a new one. */
async function reply(ctx: MessageContext, replies: ReplyHandler) {
  const { thread, trace } = ctx;
  if (!thread?.ticketId || !thread.ticket || !thread.authorised)
    return undefined;
  const classified = classifiedOf(ctx);
  if (!classified.mayThread) {
    trace.add('thread', 'not threaded: the sender failed authentication', {
      ticketId: thread.ticketId,
    });
    return undefined;
  }
  return replies.handleReply(
    ctx.message,
    mailOf(ctx),
    { ...thread, ticketId: thread.ticketId, ticket: thread.ticket },
    ctx.prefs,
    classified,
    trace,
    ctx.attachmentIds,
  );
}

async function openTicket(
  deps: { findUser: UserLookup; isTechnician: TechnicianLookup },
  ctx: MessageContext,
  followsTicketId: string | undefined,
) {
  const created = await new NewTicketStep({
    ...deps,
    ticketing: () => ctx.effects.ticketing,
  }).open(ctx.message, ctx.server, mailOf(ctx), ctx.prefs, ctx.trace, {
    own: ctx.own ?? new Set(),
    attachmentIds: ctx.attachmentIds,
    classified: classifiedOf(ctx),
    followsTicketId,
    ruleActions: ctx.rules?.actions,
  });
  ctx.created = created;
  ctx.result = { status: 'ticketed', ticketId: created.ticketId };
}
