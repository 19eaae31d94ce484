import {
  Ticket,
  TicketDetail,
  TicketEntry,
  TicketMail,
} from '@internal/plugin-emails-common';

/** An open ticket raised by a catalog user. */
export function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 't-1',
    reference: 'REQ-12',
    title: 'Printer on fire',
    status: 'open',
    requester: {
      email: 'jane@example.com',
      name: 'Jane Doe',
      userEntityRef: 'user:default/jane',
    },
    ccEmails: ['boss@example.com'],
    technicianGroup: 'group:default/it-support',
    category: 'Hardware',
    serverId: 'in-1',
    createdAt: '2024-05-01T10:00:00Z',
    updatedAt: '2024-05-01T11:00:00Z',
    ...overrides,
  };
}

/** One plain-text entry of a conversation. */
export function ticketEntry(overrides: Partial<TicketEntry> = {}): TicketEntry {
  return {
    id: 'e-1',
    kind: 'description',
    author: { email: 'jane@example.com', name: 'Jane Doe' },
    text: 'It is on fire.',
    createdAt: '2024-05-01T10:00:00Z',
    attachments: [],
    ...overrides,
  };
}

/** A technician's reply to the requester, sent, as GET /tickets/:id lists it. */
export function ticketMail(overrides: Partial<TicketMail> = {}): TicketMail {
  return {
    id: 'ob-1',
    kind: 'reply',
    entryId: 'e-2',
    status: 'sent',
    to: ['rita@example.com'],
    cc: [],
    subject: 'Re: [REQ-12] Printer on fire',
    attempts: 1,
    createdAt: '2024-05-01T11:00:00Z',
    sentAt: '2024-05-01T11:00:05Z',
    ...overrides,
  };
}

/** A ticket with a one-entry conversation. */
export function ticketDetail(
  overrides: Partial<TicketDetail> = {},
): TicketDetail {
  return { ...ticket(), entries: [ticketEntry()], mail: [], ...overrides };
}
