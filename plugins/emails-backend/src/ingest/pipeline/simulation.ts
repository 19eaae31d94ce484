import { InputError } from '@backstage/errors';
import {
  RuleSimulation,
  SimulatedAcknowledgement,
  SimulatedTicket,
} from '@internal/plugin-emails-common';
import { InboundRecord, MailServerRecord } from '../../database';
import { IngestDeps } from '../IngestService';
import { Trace } from '../trace';
import { IngestStep, MessageContext, RunResult } from './context';
import { dryRunEffects, RecordedEffects } from './effects';
import { runSteps } from './runner';

/** A message to simulate: raw bytes arriving at `serverId`, or a stored message (at its own server unless `serverId` says otherwise). */
export interface SimulationRequest {
  raw?: Buffer;
  messageId?: string;
  serverId?: string;
}

/**
 * Runs the pipeline's steps over a message in a dry run: what ingestion
 * would decide, step by step, with nothing stored, sent or changed.
 */
export async function simulateMessage(
  deps: IngestDeps,
  steps: IngestStep[],
  request: SimulationRequest,
): Promise<RuleSimulation> {
  const { message, raw, server } = await messageToSimulate(deps, request);
  const trace = new Trace();
  trace.add('record', 'simulated', { sourceId: message.sourceId });
  const { effects, recorded } = dryRunEffects({
    ticketing: deps.ticketing(),
    acknowledgements: deps.acknowledgements,
  });
  const ctx: MessageContext = {
    message,
    raw,
    server,
    prefs: await deps.preferences(),
    trace,
    effects,
    dryRun: true,
    attachmentIds: [],
  };
  const result = await runSteps(steps, ctx, deps.logger);
  return simulationOf(ctx, result, recorded);
}

async function messageToSimulate(
  deps: IngestDeps,
  request: SimulationRequest,
): Promise<{
  message: InboundRecord;
  raw: Buffer;
  server: MailServerRecord;
}> {
  const { stores } = deps;
  const stored = request.messageId
    ? await stores.inboundMessages.get(request.messageId)
    : undefined;
  const serverId = request.serverId ?? stored?.serverId;
  if (!serverId) {
    throw new InputError(
      'serverId: name the incoming server the message arrives at',
    );
  }
  const server = await stores.incomingServers
    .get(serverId)
    .catch(() => undefined);
  if (!server) {
    throw new InputError(`serverId: is not an incoming server (${serverId})`);
  }
  if (stored) {
    const raw = await stores.inboundMessages.raw(stored.id);
    return { message: { ...stored, serverId, trace: [] }, raw, server };
  }
  if (!request.raw) throw new InputError('Send a message or a messageId');
  return { message: standIn(serverId, request.raw), raw: request.raw, server };
}

/** A processing-log record for a message that was never recorded. */
function standIn(serverId: string, raw: Buffer): InboundRecord {
  return {
    id: 'simulation',
    serverId,
    sourceId: 'simulation',
    receivedAt: new Date().toISOString(),
    status: 'received',
    sizeBytes: raw.length,
    attempts: 0,
    trace: [],
  };
}

function simulationOf(
  ctx: MessageContext,
  result: RunResult,
  recorded: RecordedEffects,
): RuleSimulation {
  return {
    serverId: ctx.server.id,
    trace: ctx.trace.entries,
    rules: (ctx.rules?.rules ?? []).map(rule => ({
      ruleId: rule.ruleId,
      ruleName: rule.ruleName,
      status: rule.status,
      reason: rule.reason,
      conditions: rule.conditions,
      applied: rule.applied,
    })),
    outcome: {
      status: result.status,
      reason: result.reason,
      ticket: ticketOf(ctx, result, recorded),
      acknowledgement: acknowledgementOf(ctx, recorded),
    },
  };
}

function ticketOf(
  ctx: MessageContext,
  result: RunResult,
  recorded: RecordedEffects,
): SimulatedTicket | undefined {
  const created = recorded.createdTicket;
  if (created && result.status === 'ticketed') {
    return {
      action: 'create',
      subject: created.title,
      requester: created.requester.address,
      technicianGroup: created.technicianGroup,
      category: created.category,
      priority: created.priority,
      requestType: created.requestType,
      company: created.company,
      assignTo: created.assigneeRef,
      cc: created.ccUsers.map(c => c.address),
      fields: created.fields ?? {},
    };
  }
  if (result.status !== 'appended' && result.status !== 'ticketed')
    return undefined;
  return {
    action: 'append',
    ticketId: result.ticketId,
    subject: ctx.mail?.subject,
    cc: [],
    fields: {},
  };
}

function acknowledgementOf(
  ctx: MessageContext,
  recorded: RecordedEffects,
): SimulatedAcknowledgement | undefined {
  const [queued] = recorded.queued;
  if (queued) {
    return { sent: true, to: queued.to.join(', '), subject: queued.subject };
  }
  const decided = ctx.trace.entries.filter(e => e.step === 'acknowledge').pop();
  if (!decided) return undefined;
  const reason = decided.detail?.reason;
  return {
    sent: false,
    reason: typeof reason === 'string' ? reason : decided.decision,
  };
}
