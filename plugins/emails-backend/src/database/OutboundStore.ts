import { ConflictError, NotFoundError } from '@backstage/errors';
import { OutboundRoute, OutboundStatus } from '@internal/plugin-emails-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { fromRow, groupOutcomes, outcomeRow, Row, toRow } from './outboundRows';

export type { OutboundStatus };

/** What a caller queues: the finished message bytes and its envelope. */
export interface OutboundInput {
  /** The same key queues the message only once. */
  idempotencyKey: string;
  /** Chosen by the technician or the sending plugin; otherwise the rules, the mailbox link, the primary. */
  preferredServerId?: string;
  /** The ticket facts the outgoing email rules look at. */
  routing?: OutboundRouting;
  from: string;
  to: string[];
  cc?: string[];
  /** Envelope only; never in `raw`. */
  bcc?: string[];
  subject: string;
  messageId: string;
  raw: Buffer;
  ticketId?: string;
}

/** What the outgoing email rules know of a message's ticket. */
export interface OutboundRouting {
  /** The incoming server (mailbox) the ticket came through. */
  mailboxId?: string;
  technicianGroup?: string;
  category?: string;
  requesterEmail?: string;
  subject?: string;
}

/** A queued, sending, sent or failed message as stored. */
export interface OutboundMessage {
  id: string;
  status: OutboundStatus;
  idempotencyKey: string;
  preferredServerId?: string;
  routing: OutboundRouting;
  /** How the worker chose the server at the last attempt. */
  route?: OutboundRoute;
  usedServerId?: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  messageId: string;
  raw: Buffer;
  ticketId?: string;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  claimedBy?: string;
  claimedAt?: string;
  sentAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** What one attempt at a claimed message came to, for {@link OutboundStore.recordOutcomes}. */
export type OutboundOutcome = {
  id: string;
  /** How the server was chosen at this attempt. */
  route?: OutboundRoute;
  usedServerId?: string;
} & (
  | { status: 'sent'; note?: string }
  | { status: 'queued'; nextAttemptAt: Date; error: string }
  | { status: 'failed'; error: string }
);

/** Filter of {@link OutboundStore.list}; newest first. */
export interface OutboundFilter {
  status?: OutboundStatus;
  ticketId?: string;
  limit?: number;
  offset?: number;
}

const TABLE = 'outbound_messages';

/** The durable outbound queue. */
export class OutboundStore {
  private readonly readyListeners = new Set<() => void>();

  constructor(private readonly db: Knex) {}

  /**
   * Calls `listener` after a message became ready to send and was committed
   * (queued or retried), so the worker can send at once; returns the removal.
   */
  onReady(listener: () => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  /** Queues a message; an existing key returns the message already queued. */
  async enqueue(
    input: OutboundInput,
    now: Date = new Date(),
    tx?: Knex.Transaction,
  ): Promise<{ message: OutboundMessage; created: boolean }> {
    const db = tx ?? this.db;
    // One statement: no savepoint needed, as a taken key aborts nothing on PostgreSQL.
    const inserted: Row[] = await db(TABLE)
      .insert(toRow(randomUUID(), input, now))
      .onConflict('idempotency_key')
      .ignore()
      .returning('*');
    if (inserted.length === 0) {
      const existing = await this.byKey(db, input.idempotencyKey);
      if (existing) return { message: existing, created: false };
      throw new ConflictError(
        `Outbound message ${input.idempotencyKey} conflicts`,
      );
    }
    // Inside a caller's transaction the row is not visible yet: the scheduled run sends it.
    if (!tx) this.announceReady();
    return { message: fromRow(inserted[0]), created: true };
  }

  /** One message; NotFoundError when there is none with that id. */
  async get(id: string, tx?: Knex.Transaction): Promise<OutboundMessage> {
    const row = await (tx ?? this.db)(TABLE).where({ id }).first();
    if (!row) throw new NotFoundError(`No outbound message with id ${id}`);
    return fromRow(row);
  }

  /**
   * Moves up to `limit` due queued messages to sending for this worker and
   * counts the attempt, in one statement. Two workers never get the same
   * message: PostgreSQL skips rows another claim holds, SQLite has one writer,
   * and the update is guarded by the status.
   */
  async claimDue(
    workerId: string,
    limit: number,
    now: Date = new Date(),
  ): Promise<OutboundMessage[]> {
    const due = this.db(TABLE)
      .where({ status: 'queued' })
      .andWhere('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .select('id');
    // On PostgreSQL an ARRAY() subquery runs once; `IN (...)` may run again
    // per row and claim more than `limit`.
    const claim =
      this.db.client.config.client === 'pg'
        ? this.db(TABLE).whereRaw('id = any(array(?))', [
            due.forUpdate().skipLocked(),
          ])
        : this.db(TABLE).whereIn('id', due);
    const rows: Row[] = await claim.andWhere({ status: 'queued' }).update(
      {
        status: 'sending',
        claimed_by: workerId,
        claimed_at: now,
        attempts: this.db.raw('attempts + 1'),
        updated_at: now,
      },
      '*',
    );
    // RETURNING keeps no order: the queue's order is the due time.
    return rows
      .map(fromRow)
      .sort(
        (a, b) =>
          Date.parse(a.nextAttemptAt) - Date.parse(b.nextAttemptAt) ||
          a.createdAt.localeCompare(b.createdAt),
      );
  }

  /**
   * Records the outcomes of a worker's batch with one update per distinct
   * outcome (all sent through one server with one route: one statement).
   */
  async recordOutcomes(
    outcomes: OutboundOutcome[],
    now: Date = new Date(),
  ): Promise<void> {
    for (const [ids, outcome] of groupOutcomes(outcomes)) {
      await this.db(TABLE)
        .whereIn('id', ids)
        // A sent message also from queued: see markSent.
        .whereIn(
          'status',
          outcome.status === 'sent' ? ['sending', 'queued'] : ['sending'],
        )
        .update(outcomeRow(outcome, now));
    }
  }

  /**
   * Puts messages left in sending since before `olderThan` (their worker died)
   * back in the queue, due at once; returns how many. They may have reached
   * the server just before the crash: see src/outbound/README.md.
   */
  async requeueStale(olderThan: Date, now: Date = new Date()): Promise<number> {
    return this.db(TABLE)
      .where({ status: 'sending' })
      .andWhere('claimed_at', '<', olderThan)
      .update({
        status: 'queued',
        next_attempt_at: now,
        last_error: 'The worker stopped while sending; sent again',
        claimed_by: null,
        updated_at: now,
      });
  }

  /** Records how the server of the attempt under way was chosen. */
  async setRoute(id: string, route: OutboundRoute): Promise<void> {
    await this.db(TABLE)
      .where({ id })
      .update({ route: JSON.stringify(route) });
  }

  /**
   * Automatic mail (keys starting with `prefix`) queued since a time to this
   * recipient or about this ticket: the rate limiter's history. Only those
   * rows are read, so the cost follows the limits, not the volume.
   */
  async automaticSince(
    prefix: string,
    since: Date,
    about: { recipient: string; ticketId?: string },
  ): Promise<{ at: Date; recipient: string; ticketId?: string }[]> {
    const escapeLike = (v: string) => v.replace(/[\\%_]/g, c => `\\${c}`);
    const quoted = `%${escapeLike(
      JSON.stringify(about.recipient.toLowerCase()),
    )}%`;
    const rows = await this.db(TABLE)
      .where('idempotency_key', 'like', `${prefix}%`)
      .where('created_at', '>=', since)
      .whereNot({ status: 'failed' })
      .where(q => {
        q.whereRaw(`lower(to_addresses) like ? escape '\\'`, [quoted]);
        if (about.ticketId) q.orWhere({ ticket_id: about.ticketId });
      })
      .select('created_at', 'to_addresses', 'ticket_id');
    return rows.flatMap(row =>
      (JSON.parse(row.to_addresses) as string[]).map(recipient => ({
        at: new Date(row.created_at),
        recipient,
        ticketId: row.ticket_id ? String(row.ticket_id) : undefined,
      })),
    );
  }

  /** Messages for the admin view, newest first. */
  async list(filter: OutboundFilter = {}): Promise<OutboundMessage[]> {
    let query = this.db(TABLE)
      .select()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit ?? 100)
      .offset(filter.offset ?? 0);
    if (filter.status) query = query.where({ status: filter.status });
    if (filter.ticketId) query = query.where({ ticket_id: filter.ticketId });
    return (await query).map(fromRow);
  }

  /** Queues a failed message again with fresh attempts; ConflictError unless it failed. */
  async retry(id: string, now: Date = new Date()): Promise<OutboundMessage> {
    const changed = await this.db(TABLE)
      .where({ id, status: 'failed' })
      .update({
        status: 'queued',
        attempts: 0,
        next_attempt_at: now,
        updated_at: now,
      });
    if (changed === 0) {
      const message = await this.get(id);
      throw new ConflictError(
        `Outbound message ${id} is ${message.status}; only failed messages can be retried`,
      );
    }
    this.announceReady();
    return this.get(id);
  }

  private announceReady() {
    for (const listener of this.readyListeners) {
      try {
        listener();
      } catch {
        // A waker's failure must not fail the queueing: the scheduled run sends anyway.
      }
    }
  }

  private async byKey(db: Knex, key: string) {
    const row = await db(TABLE).where({ idempotency_key: key }).first();
    return row ? fromRow(row) : undefined;
  }
}
