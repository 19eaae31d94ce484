import { closedTicketDecision, technicianReplyKind } from './policy';

const closedAt = '2024-06-01T12:00:00.000Z';
const closed = { status: 'closed' as const, closedAt };
const DAY = 24 * 60 * 60 * 1000;
const after = (ms: number) => new Date(Date.parse(closedAt) + ms);

describe('closedTicketDecision', () => {
  const reopen = { action: 'reopen' as const, graceDays: 7 };

  it('reopens up to and including the last instant of the grace period', () => {
    expect(closedTicketDecision(closed, after(DAY), reopen)).toBe('reopen');
    expect(closedTicketDecision(closed, after(7 * DAY), reopen)).toBe('reopen');
  });

  it('opens a new ticket linked to the old one a second after the grace period', () => {
    expect(closedTicketDecision(closed, after(7 * DAY + 1000), reopen)).toBe(
      'new-linked',
    );
  });

  it('reopens when the reply is dated before the closing (clock skew)', () => {
    expect(closedTicketDecision(closed, after(-1000), reopen)).toBe('reopen');
  });

  it('reopens when the ticketing does not say when the ticket was closed', () => {
    expect(closedTicketDecision({ status: 'closed' }, new Date(), reopen)).toBe(
      'reopen',
    );
    expect(
      closedTicketDecision(
        { status: 'closed', closedAt: 'yesterday' },
        new Date(),
        reopen,
      ),
    ).toBe('reopen');
  });

  it('adds to the closed ticket or always opens a new one, as the preference says', () => {
    const late = after(400 * DAY);
    expect(
      closedTicketDecision(closed, late, { action: 'add', graceDays: 7 }),
    ).toBe('add');
    expect(
      closedTicketDecision(closed, after(1000), {
        action: 'new',
        graceDays: 7,
      }),
    ).toBe('new-linked');
  });

  it('just adds replies to open tickets', () => {
    const open = { status: 'open' as const, closedAt };
    expect(closedTicketDecision(open, after(400 * DAY), reopen)).toBe('add');
    expect(
      closedTicketDecision(open, after(400 * DAY), {
        action: 'new',
        graceDays: 1,
      }),
    ).toBe('add');
  });
});

describe('technicianReplyKind', () => {
  const tina = 'user:default/tina';
  const tom = 'user:default/tom';

  it("keeps the assignee's own mail a reply", () => {
    expect(technicianReplyKind(tina, tina, 'collaboration')).toBe('reply');
    expect(
      technicianReplyKind('User:Default/Tina', tina, 'collaboration'),
    ).toBe('reply');
  });

  it("makes another technician's mail a note or a reply, as the preference says", () => {
    expect(technicianReplyKind(tom, tina, 'collaboration')).toBe('note');
    expect(technicianReplyKind(tom, tina, 'reply')).toBe('reply');
  });

  it('treats every technician as "other" on an unassigned ticket', () => {
    expect(technicianReplyKind(tom, undefined, 'collaboration')).toBe('note');
    expect(technicianReplyKind(tom, undefined, 'reply')).toBe('reply');
  });

  it('keeps requester and CC mail a reply', () => {
    expect(technicianReplyKind(undefined, tina, 'collaboration')).toBe('reply');
    expect(technicianReplyKind(undefined, undefined, 'collaboration')).toBe(
      'reply',
    );
  });
});
