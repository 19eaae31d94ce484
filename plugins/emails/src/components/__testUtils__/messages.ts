import {
  InboundMessage,
  InboundMessageDetail,
  OutboundMessage,
} from '@internal/plugin-emails-common';

/** A ticketed message of the processing log. */
export function inboundMessage(
  overrides: Partial<InboundMessage> = {},
): InboundMessage {
  return {
    id: 'msg-1',
    serverId: 'in-1',
    serverName: 'IT Support',
    sourceId: 'imap:INBOX:1700000000:42',
    receivedAt: '2024-05-01T10:00:00Z',
    processedAt: '2024-05-01T10:00:02Z',
    status: 'ticketed',
    messageId: '<a1@example.com>',
    subject: 'Printer on fire',
    from: 'jane@example.com',
    sizeBytes: 2048,
    ticketId: 't-1',
    attempts: 1,
    ...overrides,
  };
}

/** A message with its decision trace, as GET /messages/:id returns it. */
export function messageDetail(
  overrides: Partial<InboundMessageDetail> = {},
): InboundMessageDetail {
  return {
    ...inboundMessage(),
    to: ['support@example.com'],
    cc: ['boss@example.com'],
    attachments: [
      { filename: 'photo.jpg', contentType: 'image/jpeg', sizeBytes: 1024 },
    ],
    trace: [
      {
        step: 'filter',
        at: '2024-05-01T10:00:01Z',
        decision: 'allowed',
        detail: { list: 'allow', matched: 'example.com' },
      },
      {
        step: 'ticket',
        at: '2024-05-01T10:00:02Z',
        decision: 'created REQ-12',
      },
    ],
    ...overrides,
  };
}

/** A sent reply in the Outgoing queue. */
export function outboundMessage(
  overrides: Partial<OutboundMessage> = {},
): OutboundMessage {
  return {
    id: 'ob-1',
    status: 'sent',
    from: 'support@example.com',
    to: ['jane@example.com'],
    cc: [],
    bcc: [],
    subject: 'Re: [REQ-t-1] Printer on fire',
    messageId: '<t.t-1.e-1.n.m@emails.test>',
    ticketId: 't-1',
    routing: { mailboxId: 'in-1', requesterEmail: 'jane@example.com' },
    route: { serverId: 'out-1', by: 'mailbox' },
    usedServerId: 'out-1',
    attempts: 1,
    nextAttemptAt: '2024-05-01T10:05:00Z',
    sentAt: '2024-05-01T10:05:01Z',
    createdAt: '2024-05-01T10:05:00Z',
    updatedAt: '2024-05-01T10:05:01Z',
    sizeBytes: 4096,
    ...overrides,
  };
}
