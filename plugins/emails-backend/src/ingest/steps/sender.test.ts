import { TestDatabases } from '@backstage/backend-test-utils';
import { mail, startPipeline } from '../__testUtils__/pipeline';
import { simpleParser } from 'mailparser';
import { NO_SENDER_REASON, senderOf } from './sender';

jest.setTimeout(60_000);

/** A message with these headers (null values left out) and a plain body. */
function message(headers: Record<string, string | null>) {
  const present = Object.fromEntries(
    Object.entries({
      To: 'support@example.com',
      Subject: 'Printer jam',
      ...headers,
    }).filter((e): e is [string, string] => e[1] !== null),
  );
  return mail(present, 'The printer jams.\r\n');
}

const FALLBACKS = {
  Sender: 'Office Bot <bot@example.org>',
  'Reply-To': 'helpdesk-user@example.org',
  'Return-Path': '<bounces@example.org>',
};

describe('a requester for every message', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function requesterOf(raw: string) {
    const { deliver, stores } = await startPipeline(databases, 'SQLITE_3');
    const { outcome } = await deliver(raw);
    const logged = await stores.inboundMessages.get(outcome.id);
    const ticket = outcome.ticketId
      ? await stores.tickets.get(outcome.ticketId)
      : undefined;
    const traced = logged.trace.find(
      t => t.step === 'requester' && /From has no address/.test(t.decision),
    );
    return { outcome, logged, ticket, traced };
  }

  it('uses From when it has an address, with no fallback traced', async () => {
    const { ticket, traced } = await requesterOf(
      message({ From: 'Anna <anna@example.org>', ...FALLBACKS }),
    );
    expect(ticket?.requester.email).toBe('anna@example.org');
    expect(traced).toBeUndefined();
  });

  it.each([
    ['Sender', 'bot@example.org', {}],
    ['Reply-To', 'helpdesk-user@example.org', { Sender: null }],
    ['Return-Path', 'bounces@example.org', { Sender: null, 'Reply-To': null }],
  ])(
    'falls back to %s when From has no address',
    async (header, address, without) => {
      const { ticket, logged, traced } = await requesterOf(
        message({ From: 'Anna Berg', ...FALLBACKS, ...without }),
      );
      expect(ticket?.requester.email).toBe(address);
      // The name From gave is kept when the fallback header has none.
      expect(ticket?.requester.name).toBe(
        header === 'Sender' ? 'Office Bot' : 'Anna Berg',
      );
      expect(traced?.detail).toMatchObject({
        header: header.toLowerCase(),
        sender: address,
      });
      expect(logged.from).toBe(address);
    },
  );

  it('uses the envelope sender SMTP push writes as the topmost Return-Path', async () => {
    const raw = `Return-Path: <envelope@example.org>\r\n${message({
      From: 'undisclosed-sender:;',
      'Return-Path': '<older-hop@example.org>',
    })}`;
    const { ticket } = await requesterOf(raw);
    expect(ticket?.requester.email).toBe('envelope@example.org');
  });

  it('does not take a null Return-Path for an address', async () => {
    const parsed = await simpleParser(
      message({ From: 'Anna Berg', 'Return-Path': '<>' }),
    );
    expect(senderOf(parsed)).toBeUndefined();
  });

  it('quarantines only when no header has an address, saying so', async () => {
    const { outcome } = await requesterOf(message({ From: 'Anna Berg' }));
    expect(outcome.status).toBe('quarantined');
    expect(outcome.reason).toBe(NO_SENDER_REASON);
    expect(outcome.reason).toContain(
      'no address in From, Sender, Reply-To or Return-Path',
    );
  });

  it('threads a reply without a From address by its Sender', async () => {
    const { deliver, stores } = await startPipeline(databases, 'SQLITE_3');
    const first = await deliver(
      message({
        From: 'Anna <anna@example.org>',
        'Message-ID': '<q1@example.org>',
      }),
    );
    const reply = await deliver(
      message({
        From: 'Anna Berg',
        Sender: 'anna@example.org',
        Subject: 'Re: Printer jam',
        'In-Reply-To': '<q1@example.org>',
        'Message-ID': '<q2@example.org>',
      }),
    );
    expect(reply.outcome).toMatchObject({
      status: 'appended',
      ticketId: first.outcome.ticketId,
    });
    const entries = await stores.tickets.entries(first.outcome.ticketId!);
    expect(entries).toHaveLength(2);
  });
});
