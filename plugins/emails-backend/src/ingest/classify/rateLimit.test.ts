import { AutoReplyLimiter, AutoReplySent } from './rateLimit';

const limiter = new AutoReplyLimiter();
const now = new Date('2024-11-12T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const limits = { perRecipientPerHour: 3, perTicketPerHour: 5 };

const sent = (
  recipient: string,
  minutes: number,
  ticketId?: string,
): AutoReplySent => ({ at: minutesAgo(minutes), recipient, ticketId });

describe('AutoReplyLimiter', () => {
  it('allows the first reply', () => {
    expect(
      limiter.decide({ recipient: 'rita@customer.example', now }, [], limits),
    ).toEqual({ allowed: true });
  });

  it('allows replies up to the limit per recipient, then suppresses them', () => {
    const history = [
      sent('rita@customer.example', 5),
      sent('Rita@Customer.example', 20),
    ];
    const request = { recipient: 'rita@customer.example', ticketId: 't1', now };
    expect(limiter.decide(request, history, limits)).toEqual({ allowed: true });
    expect(
      limiter.decide(
        request,
        [...history, sent('rita@customer.example', 59)],
        limits,
      ),
    ).toEqual({
      allowed: false,
      reason:
        'Automatic reply suppressed: 3 sent to rita@customer.example in the last hour (limit 3 per recipient)',
    });
  });

  it('forgets replies an hour old or older (sliding window)', () => {
    const history = [
      sent('rita@customer.example', 60),
      sent('rita@customer.example', 61),
      sent('rita@customer.example', 600),
    ];
    expect(
      limiter.decide(
        { recipient: 'rita@customer.example', now },
        history,
        limits,
      ),
    ).toEqual({ allowed: true });
  });

  it('counts only the same recipient', () => {
    const history = [1, 2, 3, 4].map(m =>
      sent(`other${m}@customer.example`, m),
    );
    expect(
      limiter.decide(
        { recipient: 'rita@customer.example', now },
        history,
        limits,
      ),
    ).toEqual({ allowed: true });
  });

  it('suppresses replies on a ticket that reached its limit, whoever the recipient', () => {
    const history = [1, 2, 3, 4, 5].map(m =>
      sent(`cc${m}@customer.example`, m, 't1'),
    );
    expect(
      limiter.decide(
        { recipient: 'new@customer.example', ticketId: 't1', now },
        history,
        limits,
      ),
    ).toEqual({
      allowed: false,
      reason:
        'Automatic reply suppressed: 5 sent on ticket t1 in the last hour (limit 5 per ticket)',
    });
    expect(
      limiter.decide(
        { recipient: 'new@customer.example', ticketId: 't2', now },
        history,
        limits,
      ),
    ).toEqual({ allowed: true });
  });

  it('checks only the recipient for a reply without a ticket', () => {
    const history = [1, 2, 3, 4, 5].map(m =>
      sent(`cc${m}@customer.example`, m, 't1'),
    );
    expect(
      limiter.decide(
        { recipient: 'new@customer.example', now },
        history,
        limits,
      ),
    ).toEqual({ allowed: true });
  });

  it('counts replies dated after now (another replica’s clock)', () => {
    const history = [sent('rita@customer.example', -1)];
    expect(
      limiter.decide({ recipient: 'rita@customer.example', now }, history, {
        perRecipientPerHour: 1,
        perTicketPerHour: 1,
      }),
    ).toMatchObject({ allowed: false });
  });

  it.each([0, -1, Number.NaN])(
    'suppresses every reply with a limit of %p',
    limit => {
      expect(
        limiter.decide(
          { recipient: 'rita@customer.example', ticketId: 't1', now },
          [],
          { perRecipientPerHour: limit, perTicketPerHour: 5 },
        ),
      ).toMatchObject({ allowed: false });
    },
  );
});
