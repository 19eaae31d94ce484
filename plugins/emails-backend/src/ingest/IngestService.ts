import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EmailPreferences,
  InboundStatus,
  RuleSimulation,
} from '@internal/plugin-emails-common';
import { EmailsProcessor, EmailsTicketing } from '@internal/plugin-emails-node';
import { InboundRecord, Stores } from '../database';
import { Acknowledgements } from '../notifications/Acknowledgements';
import { RegexLimits } from '../rules';
import { ThreadTokens } from '../threading';
import { IngestStep, MessageContext, RunResult } from './pipeline/context';
import { realEffects } from './pipeline/effects';
import { failureOf, finishUpdate, runSteps } from './pipeline/runner';
import { SimulationRequest, simulateMessage } from './pipeline/simulation';
import { TechnicianLookup } from './replies';
import { ClassifyContext } from './steps/classify';
import { IncomingRulesSource, ingestSteps } from './steps';
import { Trace } from './trace';
import { UserLookup } from './NewTicketStep';
import {
  Disposition,
  Ingest,
  IngestOutcome,
  MessageSource,
  RecordResult,
} from './types';

// Statuses that end processing: a repeat returns them instead of redoing work.
const FINAL: InboundStatus[] = [
  'ticketed',
  'appended',
  'ignored',
  'rejected',
  'quarantined',
  'duplicate',
];

export type { UserLookup } from './NewTicketStep';

/** What the pipeline needs from the plugin. */
export interface IngestDeps {
  stores: Stores;
  ticketing: () => EmailsTicketing;
  processors: EmailsProcessor[];
  preferences: () => Promise<EmailPreferences>;
  findUser: UserLookup;
  logger: LoggerService;
  /** Signs and verifies the thread tokens of our Message-IDs. */
  tokens: ThreadTokens;
  /** Finds the catalog User of a technician of a group. */
  isTechnician: TechnicianLookup;
  classify: Omit<ClassifyContext, 'ownAddresses' | 'serverKeywords'>;
  /** Acknowledges new tickets to their requesters; none in some tests. */
  acknowledgements?: Acknowledgements;
  /** The incoming email rules in order; none without it. */
  incomingRules?: IncomingRulesSource;
  regexLimits?: RegexLimits;
}

/**
 * The inbound pipeline (docs/pipeline.md): records a message, then runs
 * the list of steps over it (`steps/index.ts`) and writes the outcome. The
 * rule simulator runs the same list with its side effects recorded instead.
 */
export class IngestService implements Ingest {
  private readonly steps: IngestStep[];

  constructor(private readonly deps: IngestDeps) {
    this.steps = ingestSteps(deps);
  }

  /** Step 2: commits the raw bytes under the idempotency key before anything else happens. */
  async record(source: MessageSource, raw: Buffer): Promise<RecordResult> {
    const { record, isNew } = await this.deps.stores.inboundMessages.record(
      source.serverId,
      source.sourceId,
      raw,
    );
    return { id: record.id, isNew, status: record.status };
  }

  /** Steps 3-9; safe to repeat: a finished message returns its outcome again. */
  async process(
    id: string,
    options: { replay?: boolean } = {},
  ): Promise<IngestOutcome> {
    const message = await this.deps.stores.inboundMessages.get(id);
    if (!options.replay && FINAL.includes(message.status)) {
      return outcomeOf(message.id, message);
    }
    const trace = new Trace();
    trace.add('record', options.replay ? 'replayed' : 'recorded', {
      sourceId: message.sourceId,
      attempt: message.attempts + 1,
    });
    const ctx = await this.contextOf(message, trace);
    if (!ctx.ok) return this.finish(ctx.partial, ctx.failure);
    return this.finish(
      ctx.value,
      await runSteps(this.steps, ctx.value, this.deps.logger),
    );
  }

  /** Runs the steps over a message with every side effect recorded instead (POST /rules/simulate). */
  async simulate(request: SimulationRequest): Promise<RuleSimulation> {
    return simulateMessage(this.deps, this.steps, request);
  }

  /** The message's context; loading it may fail like any step. */
  private async contextOf(
    message: InboundRecord,
    trace: Trace,
  ): Promise<
    | { ok: true; value: MessageContext }
    | { ok: false; partial: MessageContext; failure: RunResult }
  > {
    const { stores } = this.deps;
    const ctx = {
      message,
      trace,
      dryRun: false,
      attachmentIds: [],
      effects: realEffects({
        stores,
        ticketing: this.deps.ticketing(),
        acknowledgements: this.deps.acknowledgements,
      }),
    } as unknown as MessageContext;
    try {
      ctx.prefs = await this.deps.preferences();
      ctx.server = await stores.incomingServers.get(message.serverId);
      ctx.raw = await stores.inboundMessages.raw(message.id);
      return { ok: true, value: ctx };
    } catch (error) {
      return {
        ok: false,
        partial: ctx,
        failure: failureOf(ctx, error, this.deps.logger),
      };
    }
  }

  /** Writes the outcome; a failing write is retried once as a failed message. */
  private async finish(
    ctx: MessageContext,
    result: RunResult,
  ): Promise<IngestOutcome> {
    try {
      await ctx.effects.finish(ctx.message.id, finishUpdate(ctx, result));
      return outcomeOf(ctx.message.id, result);
    } catch (error) {
      const failed = failureOf(ctx, error, this.deps.logger);
      await ctx.effects.finish(ctx.message.id, finishUpdate(ctx, failed));
      return outcomeOf(ctx.message.id, failed);
    }
  }
}

function dispositionOf(status: InboundStatus): Disposition {
  if (status === 'ticketed' || status === 'appended') return 'success';
  if (status === 'failed' || status === 'quarantined') return 'fail';
  return 'exclusion';
}

function outcomeOf(id: string, result: RunResult): IngestOutcome {
  const { status, reason, ticketId } = result;
  return { id, status, reason, ticketId, disposition: dispositionOf(status) };
}
