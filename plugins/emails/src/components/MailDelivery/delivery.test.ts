import { ticketMail } from '../__testUtils__';
import { describeProblem, describeRecipients, groupMail } from './delivery';

describe('describeRecipients', () => {
  it('names the recipients, and the copies when there are any', () => {
    expect(describeRecipients({ to: ['rita@example.com'], cc: [] })).toBe(
      'to rita@example.com',
    );
    expect(
      describeRecipients({
        to: ['rita@example.com', 'sam@example.com'],
        cc: ['boss@example.com', 'it@example.com'],
      }),
    ).toBe(
      'to rita@example.com, sam@example.com (cc boss@example.com, it@example.com)',
    );
  });
});

describe('describeProblem', () => {
  it('tells why a message failed, even without a reason', () => {
    expect(
      describeProblem(
        ticketMail({ status: 'failed', lastError: '550 mailbox unavailable' }),
      ),
    ).toEqual({ severity: 'error', text: 'Failed: 550 mailbox unavailable' });
    expect(describeProblem(ticketMail({ status: 'failed' }))).toEqual({
      severity: 'error',
      text: 'Failed: no reason given',
    });
  });

  it('tells why a message already tried waits for another attempt', () => {
    expect(
      describeProblem(
        ticketMail({
          status: 'queued',
          attempts: 2,
          lastError: 'connect ETIMEDOUT',
        }),
      ),
    ).toEqual({ severity: 'warning', text: 'Waiting: connect ETIMEDOUT' });
    expect(
      describeProblem(ticketMail({ status: 'queued', attempts: 1 })),
    ).toEqual({ severity: 'warning', text: 'Waiting to retry' });
  });

  it("passes on the server's remark on a sent message", () => {
    expect(
      describeProblem(
        ticketMail({
          lastError: 'Refused: sam@example.com (550 no such user)',
        }),
      ),
    ).toEqual({
      severity: 'info',
      text: 'Remark: Refused: sam@example.com (550 no such user)',
    });
  });

  it.each([
    ['a message sent without remark', ticketMail()],
    [
      'a first attempt still queued',
      ticketMail({ status: 'queued', attempts: 0 }),
    ],
    ['a message being sent', ticketMail({ status: 'sending', attempts: 0 })],
  ])('has nothing to tell for %s', (_, mail) => {
    expect(describeProblem(mail)).toBeUndefined();
  });
});

describe('groupMail', () => {
  it('puts replies under their entries and the rest in the notifications, keeping the order', () => {
    const ack = ticketMail({
      id: 'ob-1',
      kind: 'acknowledgement',
      entryId: undefined,
    });
    const first = ticketMail({ id: 'ob-2', entryId: 'e-2' });
    const again = ticketMail({ id: 'ob-3', entryId: 'e-2' });
    const closed = ticketMail({
      id: 'ob-4',
      kind: 'closed',
      entryId: undefined,
    });
    const { byEntry, notifications } = groupMail(
      [ack, first, again, closed],
      ['e-1', 'e-2'],
    );
    expect([...byEntry.entries()]).toEqual([['e-2', [first, again]]]);
    expect(notifications).toEqual([ack, closed]);
  });

  it('lists a reply whose entry is not in the conversation with the notifications', () => {
    const orphan = ticketMail({ entryId: 'e-gone' });
    const { byEntry, notifications } = groupMail([orphan], ['e-1']);
    expect(byEntry.size).toBe(0);
    expect(notifications).toEqual([orphan]);
  });
});
