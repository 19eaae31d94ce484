import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EmailPreferences,
  InboundStatus,
  RuleSimulation,
} from '@internal/plugin-emails-common';
import { EmailsProcessor, EmailsTicketing } from '@internal/plugin-emails-node';
import { InboundRecord, MailServerRecord, Stores } from '../database';
import { mailboxAddressesOf } from '../notifications/recipients';
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
import { BriefCache } from './briefCache';
import {
  Disposition,
  Ingest,
  IngestOutcome,
  MessageSource,
  ProcessOptions,
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

// Incoming servers change rarely: a burst of mail reads them once, an edit shows within this.
const SERVER_TTL_MS = 2_000;
// Records made here and not processed yet; a driver processes right after recording.
const MAX_JUST_RECORDED = 256;

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
  private readonly servers = new BriefCache<string, MailServerRecord>({
    ttlMs: SERVER_TTL_MS,
    maxEntries: 100,
  });
  private readonly mailboxAddresses = new BriefCache<'all', Set<string>>({
    ttlMs: SERVER_TTL_MS,
    maxEntries: 1,
  });
  private readonly justRecorded = new Map<string, InboundRecord>();

  constructor(private readonly deps: IngestDeps) {
    this.steps = ingestSteps({
      ...deps,
      ownAddresses: () =>
        this.mailboxAddresses.get('all', () => mailboxAddressesOf(deps.stores)),
    });
  }

  /** Step 2: commits the raw bytes under the idempotency key before anything else happens. */
  async record(source: MessageSource, raw: Buffer): Promise<RecordResult> {
    const { record, isNew } = await this.deps.stores.inboundMessages.record(
      source.serverId,
      source.sourceId,
      raw,
    );
    if (isNew) this.remember(record);
    return { id: record.id, isNew, status: record.status };
  }

  /** Forgets the incoming servers read recently, e.g. after one was changed here. */
  forgetServers(): void {
    this.servers.clear();
    this.mailboxAddresses.clear();
  }

  /** Steps 3-9; safe to repeat: a finished message returns its outcome again. */
  async process(
    id: string,
    options: ProcessOptions & { replay?: boolean } = {},
  ): Promise<IngestOutcome> {
    const loaded = await this.load(id, options);
    const { message } = loaded;
    if (!options.replay && FINAL.includes(message.status)) {
      return outcomeOf(message.id, message);
    }
    const trace = new Trace();
    trace.add('record', options.replay ? 'replayed' : 'recorded', {
      sourceId: message.sourceId,
      attempt: message.attempts + 1,
    });
    const ctx = await this.contextOf(message, loaded.raw, trace);
    if (!ctx.ok) return this.finish(ctx.partial, ctx.failure);
    return this.finish(
      ctx.value,
      await runSteps(this.steps, ctx.value, this.deps.logger),
    );
  }

  /**
   * The record and, when the caller does not hold them, its bytes: a record
   * made here a moment ago is not read back, else one read brings both.
   */
  private async load(
    id: string,
    options: ProcessOptions & { replay?: boolean },
  ): Promise<{ message: InboundRecord; raw?: Buffer }> {
    const recent = this.justRecorded.get(id);
    this.justRecorded.delete(id);
    if (recent && !options.replay && options.raw) {
      return { message: recent, raw: options.raw };
    }
    if (options.raw) {
      return {
        message: await this.deps.stores.inboundMessages.get(id),
        raw: options.raw,
      };
    }
    const { record, raw } = await this.deps.stores.inboundMessages.getWithRaw(
      id,
    );
    return { message: record, raw };
  }

  private remember(record: InboundRecord) {
    this.justRecorded.set(record.id, record);
    // Maps keep insertion order: drop the oldest (a record never processed here).
    while (this.justRecorded.size > MAX_JUST_RECORDED) {
      this.justRecorded.delete(this.justRecorded.keys().next().value!);
    }
  }

  /** Runs the steps over a message with every side effect recorded instead (POST /rules/simulate). */
  async simulate(request: SimulationRequest): Promise<RuleSimulation> {
    return simulateMessage(this.deps, this.steps, request);
  }

  /** The message's context; loading it may fail like any step. */
  private async contextOf(
    message: InboundRecord,
    raw: Buffer | undefined,
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
      ctx.server = await this.servers.get(message.serverId, () =>
        stores.incomingServers.get(message.serverId),
      );
      ctx.raw = raw ?? (await stores.inboundMessages.raw(message.id));
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
