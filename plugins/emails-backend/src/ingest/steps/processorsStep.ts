import { EmailsProcessor } from '@internal/plugin-emails-node';
import { IngestStep, mailOf } from '../pipeline/context';
import { StopProcessing } from '../trace';
import { senderOf } from './sender';

/**
 * The processors of `emailsProcessingExtensionPoint`, in the order they
 * were added; each one's decision is in the trace under its own name.
 */
export function processorsStep(processors: EmailsProcessor[]): IngestStep {
  return {
    name: 'processors',
    async run(ctx) {
      const mail = mailOf(ctx);
      for (const processor of processors) {
        const decision = await processor.process({
          messageId: mail.messageId,
          subject: mail.subject ?? '',
          from: senderOf(mail)?.address,
          headers: mail.headers as ReadonlyMap<string, any>,
          text: mail.text,
          serverId: ctx.message.serverId,
        });
        ctx.trace.add(
          processor.name,
          decision.ignore ? 'ignored' : decision.note ?? 'passed',
          decision.fields ? { fields: decision.fields } : undefined,
        );
        if (decision.ignore)
          throw new StopProcessing(
            'ignored',
            `${processor.name}: ${decision.ignore.reason}`,
          );
      }
    },
  };
}
