import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  Page,
  Ticket,
  TicketDetail,
  TicketMail,
} from '@internal/plugin-emails-common';
import { Stores, TicketAccess, TicketFilter } from '../database';

/** Reads tickets of the built-in ticketing for the API and catalog pages. */
export class TicketQueries {
  constructor(private readonly stores: Stores) {}

  /**
   * Tickets for an entity: a Group (its technician group), an email-server
   * Resource (the mailbox it came through) or a User (the requester); only
   * those within `access` (the caller's `emails.ticket.read`).
   */
  async list(
    query: {
      entityRef?: string;
      status?: string;
      cursor?: string;
    },
    access: TicketAccess,
  ): Promise<Page<Ticket>> {
    const filter: TicketFilter = { cursor: query.cursor, access };
    if (query.status !== undefined) {
      if (query.status !== 'open' && query.status !== 'closed') {
        throw new InputError('Invalid query: status must be open or closed');
      }
      filter.status = query.status;
    }
    if (query.cursor !== undefined && !/^\d+$/.test(query.cursor)) {
      throw new InputError(
        'Invalid query: cursor must be the nextCursor of the previous page',
      );
    }
    if (query.entityRef)
      Object.assign(filter, this.entityFilter(query.entityRef));
    return this.stores.tickets.list(filter);
  }

  /**
   * A ticket with its conversation and the attachments of each entry;
   * NotFoundError when it is not within `access` (routes pass the caller's;
   * internal callers read every ticket).
   */
  async get(id: string, access: TicketAccess = 'all'): Promise<TicketDetail> {
    const ticket = await this.stores.tickets.get(id, access);
    const entries = await this.stores.tickets.entries(id);
    const files = await this.stores.attachments.forEntries(
      entries.map(e => e.id),
    );
    return {
      ...ticket,
      entries: entries.map(e => ({ ...e, attachments: files.get(e.id) ?? [] })),
      mail: await this.mailOf(id),
    };
  }

  /** The Outgoing Queue's messages about a ticket, with replies tied to their entries. */
  private async mailOf(ticketId: string): Promise<TicketMail[]> {
    const messages = (
      await this.stores.outbound.list({ ticketId, limit: 500 })
    ).reverse();
    const entryIds = await this.stores.tickets.entryIdsByKey(
      ticketId,
      messages.map(m => m.idempotencyKey).filter(k => k.startsWith('reply:')),
    );
    return messages.map(m => ({
      id: m.id,
      kind: mailKind(m.idempotencyKey),
      entryId: entryIds.get(m.idempotencyKey),
      status: m.status,
      to: m.to,
      cc: m.cc,
      subject: m.subject,
      attempts: m.attempts,
      lastError: m.lastError,
      createdAt: m.createdAt,
      sentAt: m.sentAt,
    }));
  }

  private entityFilter(entityRef: string): TicketFilter {
    let ref;
    try {
      ref = parseEntityRef(entityRef);
    } catch {
      throw new InputError(
        `Invalid query: entityRef ${entityRef} is not an entity reference`,
      );
    }
    const kind = ref.kind.toLocaleLowerCase('en-US');
    const full = `${kind}:${ref.namespace}/${ref.name}`.toLocaleLowerCase(
      'en-US',
    );
    if (kind === 'group') return { technicianGroup: full };
    if (kind === 'user') return { requesterRef: full };
    const server = /^incoming-(.+)$/.exec(ref.name);
    if (kind === 'resource' && server) return { serverId: server[1] };
    throw new InputError(
      `Invalid query: entityRef must be a Group, a User or an incoming email-server Resource`,
    );
  }
}

/** What a queued message is, from the idempotency key its sender gave it. */
function mailKind(key: string): TicketMail['kind'] {
  if (key.startsWith('reply:')) return 'reply';
  if (key.startsWith('ack:')) return 'acknowledgement';
  if (key.startsWith('closed:')) return 'closed';
  return 'other';
}
