import { LoggerService } from '@backstage/backend-plugin-api';
import { InboundUpdate } from '../../database';
import { addressesOf } from '../steps/parse';
import { senderOf } from '../steps/sender';
import { singleLine } from '../steps/singleLine';
import { StopProcessing } from '../trace';
import { IngestStep, MessageContext, RunResult } from './context';

/**
 * Runs the steps in order over one message's context. A step that ends
 * processing throws StopProcessing; its status and reason become the
 * result, written to the trace as `result`. Anything else thrown is a
 * failed message (a replay or the next fetch tries again). Real runs and
 * the simulator's dry runs differ only in `ctx.effects`.
 */
export async function runSteps(
  steps: IngestStep[],
  ctx: MessageContext,
  logger: LoggerService,
): Promise<RunResult> {
  try {
    for (const step of steps) await step.run(ctx);
    if (!ctx.result) throw new Error('No step decided what the message is');
    return ctx.result;
  } catch (error) {
    return failureOf(ctx, error, logger);
  }
}

/** The result of a run that threw, as it goes into the trace. */
export function failureOf(
  ctx: MessageContext,
  error: unknown,
  logger: LoggerService,
): RunResult {
  if (error instanceof StopProcessing) {
    ctx.trace.add('result', error.status, { reason: error.reason });
    return { status: error.status, reason: error.reason };
  }
  const reason = `Processing failed: ${
    (error as Error)?.message ?? String(error)
  }`;
  if (!ctx.dryRun)
    logger.warn(`Inbound message ${ctx.message.id} failed: ${reason}`);
  ctx.trace.add('result', 'failed', { reason });
  return { status: 'failed', reason };
}

/** The processing-log update of a finished run; earlier runs' trace entries stay. */
export function finishUpdate(
  ctx: MessageContext,
  result: RunResult,
): InboundUpdate {
  const { mail, message } = ctx;
  return {
    status: result.status,
    reason: result.reason,
    ticketId: result.ticketId,
    messageId: mail?.messageId,
    // One line, like the ticket's title: PostgreSQL refuses a NUL.
    subject: mail?.subject === undefined ? undefined : singleLine(mail.subject),
    from: mail ? senderOf(mail)?.address : undefined,
    trace: [...message.trace, ...ctx.trace.entries],
    summary: mail
      ? {
          to: addressesOf(mail.to).map(a => a.address),
          cc: addressesOf(mail.cc).map(a => a.address),
          attachments: mail.attachments.map(a => ({
            filename: a.filename ?? '(unnamed)',
            contentType: a.contentType,
            sizeBytes: a.size ?? a.content.length,
          })),
        }
      : undefined,
  };
}
