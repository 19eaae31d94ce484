import {
  duplicateReason,
  isDuplicateWithin,
  messageIdDomain,
  normalizeMessageId,
} from './duplicates';

const now = new Date('2024-11-12T12:00:00Z');
const hoursAgo = (h: number, ms = 0) =>
  new Date(now.getTime() - h * 3_600_000 - ms);

describe('isDuplicateWithin', () => {
  it('is no duplicate when the Message-ID was never seen', () => {
    expect(isDuplicateWithin(undefined, now, 24)).toBe(false);
  });

  it.each([
    ['at the same instant', 0, 0, true],
    ['an hour ago', 1, 0, true],
    ['exactly at the window edge', 24, 0, true],
    ['one millisecond past the window', 24, 1, false],
    ['a week ago', 168, 0, false],
  ])('with a 24 h window, seen %s: %p', (_, hours, ms, duplicate) => {
    expect(
      isDuplicateWithin(
        { receivedAt: hoursAgo(hours as number, ms as number), serverId: 's1' },
        now,
        24,
      ),
    ).toBe(duplicate);
  });

  it('counts a receipt dated after now (another replica’s clock) as inside', () => {
    expect(
      isDuplicateWithin({ receivedAt: hoursAgo(-1), serverId: 's1' }, now, 1),
    ).toBe(true);
  });

  it.each([0, -5, Number.NaN])('is off with a window of %p hours', hours => {
    expect(
      isDuplicateWithin({ receivedAt: now, serverId: 's1' }, now, hours),
    ).toBe(false);
  });

  it('says when and through which mailbox the message came first', () => {
    expect(
      duplicateReason(
        { receivedAt: hoursAgo(0, 90_000), serverId: 'hr-mailbox' },
        now,
      ),
    ).toBe(
      'Duplicate: the same Message-ID was received 2 minutes ago through incoming server hr-mailbox',
    );
  });
});

describe('normalizeMessageId', () => {
  it.each([
    ['<abc@Mail.Customer.EXAMPLE>', '<abc@mail.customer.example>'],
    ['  <abc@mail.customer.example>  ', '<abc@mail.customer.example>'],
    ['abc@mail.customer.example', '<abc@mail.customer.example>'],
    ['<CaseKept@x.example> (comment)', '<CaseKept@x.example>'],
    ['abc@X.example (comment)', '<abc@x.example>'],
    ['<local@part@Host.example>', '<local@part@host.example>'],
    ['<no-domain>', '<no-domain>'],
  ])('turns %p into %p', (id, normalized) => {
    expect(normalizeMessageId(id)).toBe(normalized);
  });

  it.each([undefined, null, '', '   ', '<>'])('is undefined for %p', id => {
    expect(normalizeMessageId(id)).toBeUndefined();
  });

  it('makes the same id from two mailboxes compare equal', () => {
    expect(normalizeMessageId('<A1@MX.example>')).toBe(
      normalizeMessageId(' a1@mx.example'.replace('a1', 'A1')),
    );
  });

  it('gives the lower-cased domain of an id', () => {
    expect(messageIdDomain('<t-1@Tickets.Acme.example>')).toBe(
      'tickets.acme.example',
    );
    expect(messageIdDomain('<no-domain>')).toBeUndefined();
  });
});
