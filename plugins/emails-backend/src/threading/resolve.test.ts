import { MessageReferences } from './references';
import { resolveThread, ThreadLookups, ThreadTicket } from './resolve';

function ticket(id: string, extra: Partial<ThreadTicket> = {}): ThreadTicket {
  return {
    id,
    status: 'open',
    requesterEmail: `requester${id}@example.com`,
    ccEmails: [`cc${id}@example.com`],
    technicianGroup: 'group:default/it-support',
    ...extra,
  };
}

const tickets = new Map(['1', '2', '5'].map(id => [id, ticket(id)]));
const messageIds = new Map([
  ['<ann-1@mail.gmail.com>', '1'],
  ['<ann-2@mail.gmail.com>', '2'],
]);
const technicians = new Map([['tech@example.com', 'user:default/tina']]);

function lookups(): jest.Mocked<ThreadLookups> {
  return {
    ticketByMessageId: jest.fn(async id => messageIds.get(id)),
    ticketByReference: jest.fn(async n => tickets.get(n)),
    ticket: jest.fn(async id => tickets.get(id)),
    isTechnician: jest.fn(async (email: string, _ticket: ThreadTicket) => {
      const ref = technicians.get(email);
      return ref ? { userEntityRef: ref } : undefined;
    }),
  };
}

function refs(parts: Partial<MessageReferences>): MessageReferences {
  return {
    inReplyTo: [],
    references: [],
    headerTokens: [],
    bodyTokens: [],
    subjectNumbers: [],
    ...parts,
  };
}

const token = (ticketId: string) => ({ ticketId, entryId: '9' });

describe('resolveThread', () => {
  it('prefers the header token over the subject, tracing both candidates', async () => {
    const decision = await resolveThread(
      {
        sender: 'requester1@example.com',
        references: refs({ headerTokens: [token('1')], subjectNumbers: ['2'] }),
      },
      lookups(),
    );
    expect(decision).toMatchObject({
      ticketId: '1',
      via: 'token-header',
      authorised: true,
      sender: 'requester',
    });
    expect(decision.candidates).toEqual([
      expect.objectContaining({
        via: 'token-header',
        ticketId: '1',
        accepted: true,
      }),
      expect.objectContaining({
        via: 'subject',
        ticketId: '2',
        accepted: false,
        reason: 'ticket 1 was chosen by token-header, which takes precedence',
      }),
    ]);
    expect(decision.reason).toBe(
      'continues ticket 1 (token-header, sender: requester)',
    );
  });

  it('applies the precedence: header token, body token, Message-ID, subject', async () => {
    const all = refs({
      headerTokens: [token('5')],
      bodyTokens: [token('2')],
      inReplyTo: ['<ann-1@mail.gmail.com>'],
      subjectNumbers: ['1'],
    });
    const sender = 'requester1@example.com';
    const run = (r: MessageReferences) =>
      resolveThread({ sender, references: r }, lookups());
    expect((await run(all)).via).toBe('token-header');
    expect((await run({ ...all, headerTokens: [] })).via).toBe('token-body');
    const byId = await run({ ...all, headerTokens: [], bodyTokens: [] });
    expect(byId).toMatchObject({ via: 'message-id', ticketId: '1' });
    expect(byId.candidates.map(c => [c.via, c.accepted, c.reason])).toEqual([
      ['message-id', true, 'sender is the requester (message-id)'],
      ['subject', false, 'same ticket, already chosen by message-id'],
    ]);
    expect(await run(refs({ subjectNumbers: ['1'] }))).toMatchObject({
      via: 'subject',
      ticketId: '1',
    });
  });

  it('does not let a stranger inject into a ticket by quoting its number', async () => {
    const l = lookups();
    const decision = await resolveThread(
      {
        sender: 'Mallory@Evil.test',
        references: refs({ subjectNumbers: ['5'] }),
      },
      l,
    );
    expect(decision).toMatchObject({ authorised: false, sender: 'stranger' });
    expect(decision.ticketId).toBeUndefined();
    expect(decision.candidates).toEqual([
      {
        via: 'subject',
        ticketId: '5',
        evidence: 'ticket number 5 in the subject',
        accepted: false,
        reason: "quoted another ticket's number without being on it",
      },
    ]);
    expect(decision.reason).toBe(
      "new ticket: mallory@evil.test quoted another ticket's number without being on it (ticket 5)",
    );
    expect(l.isTechnician).toHaveBeenCalledWith(
      'mallory@evil.test',
      tickets.get('5'),
    );
  });

  it('does not let a stranger in through a referenced Message-ID either', async () => {
    const decision = await resolveThread(
      {
        sender: 'mallory@evil.test',
        references: refs({ references: ['<ann-2@mail.gmail.com>'] }),
      },
      lookups(),
    );
    expect(decision.authorised).toBe(false);
    expect(decision.candidates[0].reason).toBe(
      'referenced an earlier message of the ticket without being on it',
    );
  });

  it('lets anyone who replied to our signed mail in', async () => {
    const decision = await resolveThread(
      {
        sender: 'forwarded-to@partner.test',
        references: refs({ bodyTokens: [token('5')], subjectNumbers: ['5'] }),
      },
      lookups(),
    );
    expect(decision).toMatchObject({
      ticketId: '5',
      via: 'token-body',
      authorised: true,
      sender: 'token',
    });
  });

  it('lets a CC participant in, whatever the case of the address', async () => {
    const decision = await resolveThread(
      {
        sender: ' CC2@Example.com',
        references: refs({ subjectNumbers: ['2'] }),
      },
      lookups(),
    );
    expect(decision).toMatchObject({
      ticketId: '2',
      authorised: true,
      sender: 'cc',
    });
  });

  it('lets a technician of the ticket in and names their catalog User', async () => {
    const decision = await resolveThread(
      {
        sender: 'tech@example.com',
        references: refs({ subjectNumbers: ['2'] }),
      },
      lookups(),
    );
    expect(decision).toMatchObject({
      ticketId: '2',
      authorised: true,
      sender: 'technician',
      technicianRef: 'user:default/tina',
    });
  });

  it('falls through to a ticket the sender is on when a stronger reference is refused', async () => {
    const decision = await resolveThread(
      {
        sender: 'requester2@example.com',
        references: refs({
          inReplyTo: ['<ann-1@mail.gmail.com>'],
          subjectNumbers: ['2'],
        }),
      },
      lookups(),
    );
    expect(decision).toMatchObject({
      ticketId: '2',
      via: 'subject',
      sender: 'requester',
    });
    expect(decision.candidates.map(c => c.accepted)).toEqual([false, true]);
  });

  it('traces references to tickets that do not exist and starts a new ticket', async () => {
    const decision = await resolveThread(
      {
        sender: 'requester1@example.com',
        references: refs({
          headerTokens: [token('99')],
          references: ['<unknown@x>'],
          subjectNumbers: ['77'],
        }),
      },
      lookups(),
    );
    expect(decision).toMatchObject({ authorised: false, sender: 'stranger' });
    expect(decision.ticketId).toBeUndefined();
    expect(decision.candidates).toEqual([
      expect.objectContaining({
        via: 'token-header',
        ticketId: '99',
        accepted: false,
        reason: 'no such ticket',
      }),
      expect.objectContaining({
        via: 'subject',
        ticketId: undefined,
        accepted: false,
        reason: 'no such ticket',
      }),
    ]);
    expect(decision.reason).toBe(
      'new ticket: no reference to an existing ticket',
    );
  });

  it('lists a long References chain to one ticket once, looking up only the newest ids', async () => {
    const l = lookups();
    const chain = Array.from({ length: 60 }, (_, i) => `<old-${i}@x>`);
    const decision = await resolveThread(
      {
        sender: 'requester1@example.com',
        references: refs({
          references: [
            ...chain,
            '<ann-1@mail.gmail.com>',
            '<ann-1@mail.gmail.com>',
          ],
        }),
      },
      l,
    );
    expect(decision.candidates).toHaveLength(1);
    expect(decision.ticketId).toBe('1');
    expect(l.ticketByMessageId).toHaveBeenCalledTimes(20);
    expect(l.ticketByMessageId).toHaveBeenNthCalledWith(
      1,
      '<ann-1@mail.gmail.com>',
    );
  });

  it('looks up an id in both In-Reply-To and References once', async () => {
    const l = lookups();
    const id = '<ann-1@mail.gmail.com>';
    await resolveThread(
      {
        sender: 'requester1@example.com',
        references: refs({ inReplyTo: [id], references: ['<a@x>', id] }),
      },
      l,
    );
    expect(l.ticketByMessageId.mock.calls).toEqual([[id], ['<a@x>']]);
  });

  it('never treats a message without a sender as the requester', async () => {
    const l = lookups();
    const noRequester = ticket('6', { requesterEmail: '' });
    l.ticketByReference.mockResolvedValue(noRequester);
    const decision = await resolveThread(
      { sender: '', references: refs({ subjectNumbers: ['6'] }) },
      l,
    );
    expect(decision).toMatchObject({ authorised: false, sender: 'stranger' });
    expect(l.isTechnician).not.toHaveBeenCalled();
  });

  it('starts a new ticket when nothing refers to one', async () => {
    const decision = await resolveThread(
      { sender: 'ann@example.com', references: refs({}) },
      lookups(),
    );
    expect(decision).toEqual({
      candidates: [],
      authorised: false,
      sender: 'stranger',
      reason: 'new ticket: no reference to an existing ticket',
    });
  });
});
