import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  OutsideReplyDecision,
  Page,
  Ticket,
  TicketEntry,
  TicketPerson,
} from '@internal/plugin-emails-common';
import { Knex } from 'knex';
import { isUniqueViolation, toIso } from './rows';
import { TicketAccess, ticketsInGroups, whereAccess } from './ticketAccess';
import { entryFromRow, entryRow, NewEntry, person } from './ticketEntryRows';

export type { NewEntry } from './ticketEntryRows';

/** A ticket to open, with its first conversation entry. */
export interface NewTicket {
  idempotencyKey: string;
  title: string;
  requester: TicketPerson;
  ccEmails: string[];
  technicianGroup?: string;
  category?: string;
  company?: string;
  serverId?: string;
  followsTicketId?: string;
  /** The technician it is assigned to from the start (an incoming email rule). */
  assigneeRef?: string;
  description: NewEntry;
}

/** Which tickets to list. */
export interface TicketFilter {
  technicianGroup?: string;
  serverId?: string;
  requesterRef?: string;
  status?: 'open' | 'closed';
  cursor?: string;
  limit?: number;
  /** Only the tickets a caller may read; without it, every ticket. */
  access?: TicketAccess;
}

type Row = Record<string, any>;

/** Tickets of the built-in ticketing and their conversations. */
export class TicketStore {
  constructor(private readonly db: Knex) {}

  /**
   * Opens a ticket with its description entry, once per idempotency key:
   * the same key again returns the ticket it made. `onEntry` runs in the
   * same transaction (to link attachments to the entry).
   */
  async create(
    ticket: NewTicket,
    onEntry?: (entryId: string, tx: Knex.Transaction) => Promise<void>,
  ): Promise<{ ticket: Ticket; created: boolean }> {
    // Inserting first: the unique key answers "made before?" without a read.
    try {
      const row = await this.db.transaction(async tx => {
        const now = new Date();
        const [inserted] = await tx('tickets')
          .insert({
            idempotency_key: ticket.idempotencyKey,
            title: ticket.title,
            status: 'open',
            requester_email: ticket.requester.email,
            requester_name: ticket.requester.name ?? null,
            requester_ref: ticket.requester.userEntityRef ?? null,
            cc_emails: JSON.stringify(ticket.ccEmails),
            technician_group: ticket.technicianGroup ?? null,
            category: ticket.category ?? null,
            company: ticket.company ?? null,
            server_id: ticket.serverId ?? null,
            follows_ticket_id: ticket.followsTicketId ?? null,
            assignee_ref: ticket.assigneeRef ?? null,
            created_at: now,
            updated_at: now,
          })
          .returning('*');
        const entryId = await this.insertEntry(
          tx,
          String(inserted.id),
          ticket.description,
        );
        await onEntry?.(entryId, tx);
        return inserted;
      });
      return { ticket: fromRow(row), created: true };
    } catch (error) {
      // Made before (a repeat after a crash) or by another worker just now: that ticket is the one.
      const existing =
        isUniqueViolation(error) && (await this.byKey(ticket.idempotencyKey));
      if (existing) return { ticket: existing, created: false };
      throw error;
    }
  }

  /** Adds an entry once per idempotency key; returns its id. NotFoundError for an unknown ticket. */
  async appendEntry(
    ticketId: string,
    entry: NewEntry,
    onEntry?: (entryId: string, tx: Knex.Transaction) => Promise<void>,
  ): Promise<string> {
    if (!/^\d+$/.test(ticketId)) {
      throw new NotFoundError(`No ticket with id ${ticketId}`);
    }
    try {
      return await this.db.transaction(async tx => {
        const touched = await tx('tickets')
          .where({ id: ticketId })
          .update({ updated_at: new Date() });
        if (!touched) throw new NotFoundError(`No ticket with id ${ticketId}`);
        const entryId = await this.insertEntry(tx, ticketId, entry);
        await onEntry?.(entryId, tx);
        return entryId;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Added before under this key: processing again adds nothing.
      const existing = await this.db('ticket_entries')
        .where({ idempotency_key: entry.idempotencyKey })
        .first(['id']);
      if (!existing) throw error;
      return String(existing.id);
    }
  }

  /** Sets a ticket's status; closing records when. */
  async setStatus(id: string, status: 'open' | 'closed'): Promise<void> {
    const changed = await this.db('tickets')
      .where({ id })
      .update({
        status,
        closed_at: status === 'closed' ? new Date() : null,
        updated_at: new Date(),
      });
    if (!changed) throw new NotFoundError(`No ticket with id ${id}`);
  }

  /**
   * Closes an open ticket; false when it was closed already (by someone
   * else a moment ago, too: the update is guarded by the status).
   */
  async closeIfOpen(id: string, now: Date = new Date()): Promise<boolean> {
    await this.get(id);
    const changed = await this.db('tickets')
      .where({ id, status: 'open' })
      .update({ status: 'closed', closed_at: now, updated_at: now });
    return changed > 0;
  }

  /** One ticket; NotFoundError when unknown or not within `access`. */
  async get(id: string, access?: TicketAccess): Promise<Ticket> {
    const row = /^\d+$/.test(id)
      ? await whereAccess(
          this.db('tickets').where({ id }),
          access,
          ticketsInGroups('tickets'),
        ).first()
      : undefined;
    if (!row) throw new NotFoundError(`No ticket with id ${id}`);
    return fromRow(row);
  }

  /** The conversation of a ticket, oldest first, without attachments. */
  async entries(ticketId: string): Promise<Omit<TicketEntry, 'attachments'>[]> {
    const rows = await this.db('ticket_entries')
      .where({ ticket_id: ticketId })
      .orderBy('id');
    return rows.map(entryFromRow);
  }

  /**
   * Publishes (it becomes a reply) or dismisses (it stays a hidden note) a
   * reply from outside the conversation that waits for review. The update
   * is guarded by the status, so of two technicians only one decides.
   * NotFoundError for an unknown entry; ConflictError when it is not waiting.
   */
  async reviewOutsideReply(
    ticketId: string,
    entryId: string,
    review: { decision: OutsideReplyDecision; reviewer: string; at?: Date },
  ): Promise<Omit<TicketEntry, 'attachments'>> {
    const numeric = /^\d+$/.test(ticketId) && /^\d+$/.test(entryId);
    const where = { id: entryId, ticket_id: ticketId };
    const published = review.decision === 'publish';
    const changed = numeric
      ? await this.db('ticket_entries')
          .where({ ...where, outside_conversation: 'pending' })
          .update({
            outside_conversation: published ? 'published' : 'dismissed',
            ...(published ? { kind: 'reply' } : {}),
            reviewed_by: review.reviewer,
            reviewed_at: review.at ?? new Date(),
          })
      : 0;
    const row = numeric
      ? await this.db('ticket_entries').where(where).first()
      : undefined;
    if (!row) {
      throw new NotFoundError(`No entry ${entryId} on ticket ${ticketId}`);
    }
    if (!changed) {
      throw new ConflictError(
        row.outside_conversation
          ? `Entry ${entryId} was ${row.outside_conversation} already`
          : `Entry ${entryId} is not a reply from outside the conversation`,
      );
    }
    return entryFromRow(row);
  }

  /** Newest first; the cursor is the id below which the next page starts. */
  async list(filter: TicketFilter): Promise<Page<Ticket>> {
    const limit = Math.min(filter.limit ?? 50, 200);
    let query = this.db('tickets').select();
    if (filter.technicianGroup)
      query = query.where({ technician_group: filter.technicianGroup });
    if (filter.serverId) query = query.where({ server_id: filter.serverId });
    if (filter.requesterRef)
      query = query.where({ requester_ref: filter.requesterRef });
    if (filter.status) query = query.where({ status: filter.status });
    if (filter.cursor) query = query.where('id', '<', Number(filter.cursor));
    query = whereAccess(query, filter.access, ticketsInGroups('tickets'));
    const rows = await query.orderBy('id', 'desc').limit(limit + 1);
    const items = rows.slice(0, limit).map(fromRow);
    return {
      items,
      nextCursor: rows.length > limit ? items[items.length - 1].id : undefined,
    };
  }

  /** Remembers that mail about a ticket to this address bounced. */
  async markUndeliverable(
    ticketId: string,
    address: string,
    reason?: string,
  ): Promise<void> {
    await this.db('undeliverable_recipients')
      .insert({
        ticket_id: ticketId,
        address: address.toLocaleLowerCase('en-US'),
        reason: reason ?? null,
        bounced_at: new Date(),
      })
      .onConflict(['ticket_id', 'address'])
      .merge(['reason', 'bounced_at']);
  }

  /** Addresses of a ticket whose mail bounced. */
  async undeliverable(
    ticketId: string,
  ): Promise<{ address: string; reason?: string }[]> {
    const rows = await this.db('undeliverable_recipients')
      .where({ ticket_id: ticketId })
      .orderBy('address');
    return rows.map(r => ({
      address: r.address,
      reason: r.reason ?? undefined,
    }));
  }

  /** The ids of a ticket's entries made with these idempotency keys, by key. */
  async entryIdsByKey(
    ticketId: string,
    keys: string[],
  ): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db('ticket_entries')
      .where({ ticket_id: ticketId })
      .whereIn('idempotency_key', keys)
      .select('id', 'idempotency_key');
    return new Map(rows.map(r => [r.idempotency_key, String(r.id)]));
  }

  private async byKey(key: string): Promise<Ticket | undefined> {
    const row = await this.db('tickets')
      .where({ idempotency_key: key })
      .first();
    return row ? fromRow(row) : undefined;
  }

  private async insertEntry(
    tx: Knex.Transaction,
    ticketId: string,
    entry: NewEntry,
  ) {
    const [row] = await tx('ticket_entries')
      .insert(entryRow(ticketId, entry))
      .returning('id');
    return String(typeof row === 'object' ? row.id : row);
  }
}

function fromRow(row: Row): Ticket {
  return {
    id: String(row.id),
    reference: `REQ-${row.id}`,
    title: row.title,
    status: row.status,
    requester: person(
      row.requester_email,
      row.requester_name,
      row.requester_ref,
    ),
    ccEmails: JSON.parse(row.cc_emails),
    technicianGroup: row.technician_group ?? undefined,
    category: row.category ?? undefined,
    company: row.company ?? undefined,
    serverId: row.server_id ?? undefined,
    followsTicketId: row.follows_ticket_id
      ? String(row.follows_ticket_id)
      : undefined,
    assigneeRef: row.assignee_ref ?? undefined,
    closedAt: row.closed_at ? toIso(row.closed_at) : undefined,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
