import { StopProcessing } from '../trace';
import { IngestStep } from '../pipeline/context';
import { MAX_HTML_BYTES, parseMessage } from './parse';

const MB = 1024 * 1024;

/** Step 3: the message parsed under the Email Preference's size limit; Email to Ticket off ends here. */
export const parseStep: IngestStep = {
  name: 'parse',
  async run(ctx) {
    const { prefs, trace } = ctx;
    const mail = await parseMessage(ctx.raw, {
      maxMessageBytes: prefs.limits.maxMessageSizeMb * MB,
      maxHtmlBytes: MAX_HTML_BYTES,
    });
    ctx.mail = mail;
    trace.add('parse', 'parsed', {
      attachments: mail.attachments.length,
      html: !!mail.html,
      ...(mail.repairs ? { closedUnterminatedMultiparts: mail.repairs } : {}),
      ...(mail.mimeRepairs.length ? { repaired: mail.mimeRepairs } : {}),
    });
    if (!prefs.emailToTicket) {
      throw new StopProcessing(
        'ignored',
        'Email to Ticket is off (Email Preference)',
      );
    }
  },
};
