import {
  EmailTicket,
  EmailsTicketing,
  NewTicketFromEmail,
  TicketEntryFromEmail,
} from './ticketing';

/**
 * Ticketing held in memory, for tests of modules and pipelines. It keeps the
 * contract every ticketing must keep: an idempotency key seen before returns
 * the ticket it made, and an entry key seen before adds nothing.
 */
export class InMemoryTicketing implements EmailsTicketing {
  readonly tickets = new Map<string, EmailTicket>();
  readonly entries: TicketEntryFromEmail[] = [];
  private readonly byKey = new Map<string, string>();

  async createTicket(ticket: NewTicketFromEmail): Promise<EmailTicket> {
    const existing = this.byKey.get(ticket.idempotencyKey);
    if (existing) {
      return this.tickets.get(existing)!;
    }
    const id = String(this.tickets.size + 1);
    const created: EmailTicket = {
      id,
      reference: `REQ-${id}`,
      status: 'open',
      requesterEmail: ticket.requester.address,
      ccEmails: ticket.ccUsers.map(c => c.address),
      technicianGroup: ticket.technicianGroup,
    };
    this.tickets.set(id, created);
    this.byKey.set(ticket.idempotencyKey, id);
    return created;
  }

  async findTicket(id: string): Promise<EmailTicket | undefined> {
    return this.tickets.get(id);
  }

  async findTicketByReference(
    reference: string,
  ): Promise<EmailTicket | undefined> {
    return [...this.tickets.values()].find(t => t.reference === reference);
  }

  async appendEntry(entry: TicketEntryFromEmail): Promise<void> {
    if (!this.tickets.has(entry.ticketId)) {
      throw new Error(`No ticket ${entry.ticketId}`);
    }
    if (this.entries.some(e => e.idempotencyKey === entry.idempotencyKey)) {
      return;
    }
    this.entries.push(entry);
  }

  async reopenTicket(id: string): Promise<void> {
    const ticket = this.tickets.get(id);
    if (!ticket) {
      throw new Error(`No ticket ${id}`);
    }
    this.tickets.set(id, { ...ticket, status: 'open', closedAt: undefined });
  }
}
