import { NotFoundError } from '@backstage/errors';
import {
  InboundMessage,
  InboundStatus,
  Page,
  TraceEntry,
} from '@internal/plugin-emails-common';
import { createHash, randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { isUniqueViolation, toIso } from './rows';
import { messagesInGroups, TicketAccess, whereAccess } from './ticketAccess';

/** A recorded message with what the pipeline needs beyond the log view. */
export interface InboundRecord extends InboundMessage {
  trace: TraceEntry[];
  summary?: Record<string, unknown>;
}

/** What processing a message decided, written back in one update. */
export interface InboundUpdate {
  status: InboundStatus;
  reason?: string;
  ticketId?: string;
  messageId?: string;
  subject?: string;
  from?: string;
  trace: TraceEntry[];
  summary?: Record<string, unknown>;
}

type Row = Record<string, any>;
const LIST_COLUMNS = [
  'id',
  'server_id',
  'source_id',
  'message_id',
  'received_at',
  'processed_at',
  'status',
  'reason',
  'subject',
  'from_address',
  'size_bytes',
  'ticket_id',
  'attempts',
];

/** The processing log: one row per message a mailbox delivered, with its raw bytes. */
export class InboundMessageStore {
  constructor(private readonly db: Knex) {}

  /**
   * Records a message once per (server, source id): the idempotency key.
   * Returns the existing record when the source was recorded before.
   */
  async record(
    serverId: string,
    sourceId: string,
    raw: Buffer,
  ): Promise<{ record: InboundRecord; isNew: boolean }> {
    const id = randomUUID();
    const receivedAt = new Date();
    try {
      await this.db('inbound_messages').insert({
        id,
        server_id: serverId,
        source_id: sourceId,
        received_at: receivedAt,
        status: 'received',
        size_bytes: raw.length,
        raw,
        trace: '[]',
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const row = await this.db('inbound_messages')
        .where({ server_id: serverId, source_id: sourceId })
        .first([...LIST_COLUMNS, 'trace', 'summary']);
      return { record: recordOf(row), isNew: false };
    }
    // The row as inserted: reading it back would tell nothing new.
    const record: InboundRecord = {
      id,
      serverId,
      sourceId,
      receivedAt: receivedAt.toISOString(),
      status: 'received',
      sizeBytes: raw.length,
      attempts: 0,
      trace: [],
    };
    return { record, isNew: true };
  }

  /** One message with its raw bytes, in one read; NotFoundError when unknown. */
  async getWithRaw(
    id: string,
  ): Promise<{ record: InboundRecord; raw: Buffer }> {
    const row = await this.db('inbound_messages')
      .where({ id })
      .first([...LIST_COLUMNS, 'trace', 'summary', 'raw']);
    if (!row) throw new NotFoundError(`No inbound message with id ${id}`);
    return { record: recordOf(row), raw: Buffer.from(row.raw) };
  }

  /** One message without its raw bytes; NotFoundError when unknown or not within `access`. */
  async get(id: string, access?: TicketAccess): Promise<InboundRecord> {
    const row = await this.visible(id, access).first([
      ...LIST_COLUMNS,
      'trace',
      'summary',
    ]);
    if (!row) throw new NotFoundError(`No inbound message with id ${id}`);
    return recordOf(row);
  }

  /** The stored original bytes; NotFoundError when unknown or not within `access`. */
  async raw(id: string, access?: TicketAccess): Promise<Buffer> {
    const row = await this.visible(id, access).first(['raw']);
    if (!row) throw new NotFoundError(`No inbound message with id ${id}`);
    return Buffer.from(row.raw);
  }

  /** Writes what processing decided and counts the attempt. */
  async update(id: string, update: InboundUpdate): Promise<void> {
    await this.db('inbound_messages')
      .where({ id })
      .update({
        status: update.status,
        reason: update.reason ?? null,
        ticket_id: update.ticketId ?? null,
        message_id: update.messageId?.slice(0, 998) ?? null,
        message_id_hash: update.messageId
          ? hashMessageId(update.messageId)
          : null,
        subject: update.subject ?? null,
        from_address: update.from?.slice(0, 320) ?? null,
        trace: JSON.stringify(update.trace),
        summary: update.summary ? JSON.stringify(update.summary) : null,
        processed_at: new Date(),
        attempts: this.db.raw('attempts + 1'),
      });
  }

  /** The ticket an earlier message with this Message-ID belongs to (threading). */
  async ticketForMessageId(messageId: string): Promise<string | undefined> {
    const row = await this.db('inbound_messages')
      .where({ message_id_hash: hashMessageId(messageId) })
      .whereNotNull('ticket_id')
      .orderBy('received_at', 'desc')
      .first(['ticket_id']);
    return row?.ticket_id ?? undefined;
  }

  /** The Message-IDs of a ticket's inbound mail, oldest first (for References). */
  async messageIdsOfTicket(ticketId: string): Promise<string[]> {
    const rows = await this.db('inbound_messages')
      .where({ ticket_id: ticketId })
      .whereNotNull('message_id')
      .orderBy('received_at', 'asc')
      .select('message_id');
    return rows.map(r => r.message_id);
  }

  /** Another message with this Message-ID received since a time (duplicates), if any. */
  async sameMessageSince(
    messageId: string,
    since: Date,
    exceptId: string,
  ): Promise<
    | { id: string; serverId: string; receivedAt: string; ticketId?: string }
    | undefined
  > {
    const row = await this.db('inbound_messages')
      .where({ message_id_hash: hashMessageId(messageId) })
      .where('received_at', '>=', since)
      .whereNot({ id: exceptId })
      .orderBy('received_at', 'asc')
      .first(['id', 'server_id', 'received_at', 'ticket_id']);
    return row
      ? {
          id: row.id,
          serverId: row.server_id,
          receivedAt: toIso(row.received_at),
          ticketId: row.ticket_id ?? undefined,
        }
      : undefined;
  }

  /**
   * Messages recorded but not yet through the pipeline (received, or failed
   * and to be tried again), by incoming server: the card's Inbound Queue.
   */
  async waitingByServer(serverId?: string): Promise<Map<string, number>> {
    let query = this.db('inbound_messages')
      .whereIn('status', ['received', 'failed'])
      .groupBy('server_id')
      .select('server_id')
      .count({ waiting: '*' });
    if (serverId) query = query.where({ server_id: serverId });
    const rows = (await query) as { server_id: string; waiting: unknown }[];
    return new Map(rows.map(r => [r.server_id, Number(r.waiting)]));
  }

  /** Newest first, filtered; the cursor is the offset of the next page. */
  async list(filter: {
    serverId?: string;
    status?: InboundStatus;
    q?: string;
    cursor?: string;
    limit?: number;
    /** Only the messages a caller may read; without it, every message. */
    access?: TicketAccess;
  }): Promise<Page<InboundMessage>> {
    const limit = Math.min(filter.limit ?? 50, 200);
    const offset = filter.cursor ? Number(filter.cursor) : 0;
    let query = this.db('inbound_messages').select(LIST_COLUMNS);
    if (filter.serverId) query = query.where({ server_id: filter.serverId });
    if (filter.status) query = query.where({ status: filter.status });
    query = whereAccess(
      query,
      filter.access,
      messagesInGroups(this.db, 'inbound_messages'),
    );
    if (filter.q) {
      const like = `%${filter.q
        .replace(/[\\%_]/g, c => `\\${c}`)
        .toLocaleLowerCase('en-US')}%`;
      query = query.where(q =>
        q
          .whereRaw("lower(subject) like ? escape '\\'", [like])
          .orWhereRaw("lower(from_address) like ? escape '\\'", [like])
          .orWhereRaw("lower(message_id) like ? escape '\\'", [like]),
      );
    }
    const rows = await query
      .orderBy([
        { column: 'received_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .offset(offset)
      .limit(limit + 1);
    return {
      items: rows.slice(0, limit).map(fromRow),
      nextCursor: rows.length > limit ? String(offset + limit) : undefined,
    };
  }

  private visible(id: string, access?: TicketAccess) {
    return whereAccess(
      this.db('inbound_messages').where({ id }),
      access,
      messagesInGroups(this.db, 'inbound_messages'),
    );
  }
}

/** Message-IDs compare without angle brackets, spaces or case. */
export function hashMessageId(messageId: string): string {
  const bare = messageId
    .trim()
    .replace(/^<|>$/g, '')
    .trim()
    .toLocaleLowerCase('en-US');
  return createHash('sha256').update(bare).digest('hex');
}

function recordOf(row: Row): InboundRecord {
  return {
    ...fromRow(row),
    trace: JSON.parse(row.trace),
    summary: row.summary ? JSON.parse(row.summary) : undefined,
  };
}

function fromRow(row: Row): InboundMessage {
  return {
    id: row.id,
    serverId: row.server_id,
    sourceId: row.source_id,
    receivedAt: toIso(row.received_at),
    processedAt: row.processed_at ? toIso(row.processed_at) : undefined,
    status: row.status,
    reason: row.reason ?? undefined,
    messageId: row.message_id ?? undefined,
    subject: row.subject ?? undefined,
    from: row.from_address ?? undefined,
    sizeBytes: Number(row.size_bytes),
    ticketId: row.ticket_id ?? undefined,
    attempts: Number(row.attempts),
  };
}
