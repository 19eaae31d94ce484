import { InboundStatus } from '@internal/plugin-emails-common';
import {
  Disposition,
  Ingest,
  IngestOutcome,
  MessageSource,
  RecordResult,
} from '../../ingest/types';

/** A message the fake recorded. */
export interface FakeRecord {
  id: string;
  source: MessageSource;
  raw: Buffer;
  subject?: string;
  processed: number;
}

/** What process answers for a record; default ticketed / success. */
export type FakeOutcome = (record: FakeRecord) => {
  status: InboundStatus;
  disposition: Disposition;
  reason?: string;
};

/**
 * An in-memory Ingest with the real one's promises: record is idempotent per
 * (serverId, sourceId) and "committed" when it returns; process may be
 * repeated. Counts calls and keeps their order for the tests.
 */
export class FakeIngest implements Ingest {
  /** Every call in order: `record:<sourceId>`, `process:<id>`. */
  readonly calls: string[] = [];
  readonly records = new Map<string, FakeRecord>();
  outcome: FakeOutcome = () => ({ status: 'ticketed', disposition: 'success' });
  /** Runs after a record is committed (e.g. to look at the mailbox, or to abort the run). */
  afterRecord?: (record: FakeRecord) => Promise<void> | void;
  /** Runs before process answers. */
  beforeProcess?: (record: FakeRecord) => Promise<void> | void;
  /** When set, record throws it before committing (database down). */
  recordError?: Error;
  /** When set, process throws it. */
  processError?: Error;
  private next = 1;

  async record(source: MessageSource, raw: Buffer): Promise<RecordResult> {
    if (this.recordError) throw this.recordError;
    const key = `${source.serverId}|${source.sourceId}`;
    const existing = this.records.get(key);
    this.calls.push(`record:${source.sourceId}`);
    if (existing) return { id: existing.id, isNew: false, status: 'received' };
    const subject = /^Subject: (.*)$/m.exec(raw.toString('utf8'))?.[1]?.trim();
    const record: FakeRecord = {
      id: `msg-${this.next++}`,
      source,
      raw,
      subject,
      processed: 0,
    };
    this.records.set(key, record);
    await this.afterRecord?.(record);
    return { id: record.id, isNew: true, status: 'received' };
  }

  async process(id: string): Promise<IngestOutcome> {
    this.calls.push(`process:${id}`);
    const record = this.byId(id);
    await this.beforeProcess?.(record);
    if (this.processError) throw this.processError;
    record.processed++;
    return { id, ...this.outcome(record) };
  }

  byId(id: string): FakeRecord {
    const found = [...this.records.values()].find(r => r.id === id);
    if (!found) throw new Error(`FakeIngest: no record ${id}`);
    return found;
  }

  /** Subjects of recorded messages, in recording order. */
  subjects(): (string | undefined)[] {
    return [...this.records.values()].map(r => r.subject);
  }
}
