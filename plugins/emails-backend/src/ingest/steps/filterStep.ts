import { IncomingFilter } from '@internal/plugin-emails-common';
import { IngestStep, mailOf } from '../pipeline/context';
import { StopProcessing } from '../trace';
import { applyFilter } from './filter';
import { senderOf } from './sender';

/** Step 5: the incoming server's Allow / Ignore lists. */
export const filterStep: IngestStep = {
  name: 'filter',
  async run(ctx) {
    const mail = mailOf(ctx);
    const decision = applyFilter(
      ctx.server.settings.filter as IncomingFilter | undefined,
      { from: senderOf(mail)?.address, subject: mail.subject, text: mail.text },
    );
    ctx.trace.add('filter', decision.allowed ? 'allowed' : 'ignored', {
      reason: decision.reason,
    });
    if (!decision.allowed)
      throw new StopProcessing('ignored', `Filter: ${decision.reason}`);
  },
};
