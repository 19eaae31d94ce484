import { InMemoryTicketing } from './InMemoryTicketing';
import { NewTicketFromEmail } from './ticketing';

const newTicket = (key: string): NewTicketFromEmail => ({
  idempotencyKey: key,
  title: 'Printer on fire',
  requester: { address: 'alice@example.com' },
  ccUsers: [{ address: 'bob@example.com' }],
  attachmentIds: [],
});

describe('InMemoryTicketing', () => {
  it('creates one ticket per idempotency key', async () => {
    const ticketing = new InMemoryTicketing();
    const first = await ticketing.createTicket(newTicket('m1'));
    const again = await ticketing.createTicket(newTicket('m1'));
    const other = await ticketing.createTicket(newTicket('m2'));
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(ticketing.tickets.size).toBe(2);
    expect(first.ccEmails).toEqual(['bob@example.com']);
  });

  it('finds tickets by reference and appends each entry once', async () => {
    const ticketing = new InMemoryTicketing();
    const ticket = await ticketing.createTicket(newTicket('m1'));
    const found = await ticketing.findTicketByReference(ticket.reference);
    expect(found?.id).toBe(ticket.id);
    const entry = {
      idempotencyKey: 'm2',
      ticketId: ticket.id,
      author: { address: 'alice@example.com' },
      kind: 'reply' as const,
      attachmentIds: [],
    };
    await ticketing.appendEntry(entry);
    await ticketing.appendEntry(entry);
    expect(ticketing.entries).toHaveLength(1);
    await expect(
      ticketing.appendEntry({
        ...entry,
        ticketId: 'nope',
        idempotencyKey: 'x',
      }),
    ).rejects.toThrow('No ticket nope');
  });
});
