import { IngestStep, mailOf } from '../pipeline/context';
import { ReplyDeps, replyHandler } from './ticketStep';

/** Step 7: which ticket the message continues; every candidate and the choice are in the trace. */
export function threadStep(deps: ReplyDeps): IngestStep {
  return {
    name: 'thread',
    async run(ctx) {
      ctx.thread = await replyHandler(deps, ctx).findThread(
        mailOf(ctx),
        ctx.prefs,
        ctx.trace,
      );
    },
  };
}
