import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_EMAIL_PREFERENCES } from '@internal/plugin-emails-common';
import { startTestBed, TestBed } from '@internal/emails-test-bed';
import { simpleParser } from 'mailparser';
import { startDeskRoundTrip } from './__testUtils__/deskRoundTrip';

jest.setTimeout(180_000);

const USERS = [{ user: 'loop@localhost', password: 'loop-password' }];
const ROBOT = 'robot@example.net';
// A verified sender (testReplyDeps trusts mx.example.com): only the rate
// limit, not the check of unverified senders, may hold its acknowledgements back.
const VERIFIED =
  'Authentication-Results: mx.example.com; dmarc=pass header.from=example.net\r\n';

describe('a mail loop with a peer that auto-replies to everything', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let bed: TestBed;

  beforeAll(async () => {
    bed = await startTestBed({ users: USERS });
  });
  afterAll(() => bed?.stop());

  it('stops within the rate limit, each suppressed acknowledgement audited', async () => {
    const auditor = mockServices.auditor.mock();
    const suppressed: unknown[] = [];
    auditor.createEvent.mockImplementation(async o => {
      if (o.eventId === 'auto-reply-suppressed') suppressed.push(o.meta);
      return { success: async () => {}, fail: async () => {} };
    });
    const { fetch, send, worker } = await startDeskRoundTrip(
      databases,
      bed,
      'loop@localhost',
      { name: 'Loop', auditor },
    );
    // The robot answers every mail with a brand-new one: no In-Reply-To,
    // no Auto-Submitted, no ticket reference, a fresh Message-ID. The worst
    // kind of peer: each answer opens a new ticket and asks for a new
    // acknowledgement.
    let answered = 0;
    const robotAnswers = async () => {
      const inbox = bed.messages.filter(m => m.to.includes(ROBOT));
      for (const m of inbox.slice(answered)) {
        const got = await simpleParser(m.raw);
        expect(got.headers.get('auto-submitted')).toBe('auto-replied');
        answered++;
        await bed.deliver(
          'loop@localhost',
          `${VERIFIED}From: Robot <${ROBOT}>\r\nTo: loop@localhost\r\nSubject: Thanks for your message (${answered})\r\nMessage-ID: <robot-${answered}@example.net>\r\n\r\nWe got your message.\r\n`,
        );
      }
      return inbox.length;
    };

    try {
      await fetch();
      await bed.deliver(
        'loop@localhost',
        `${VERIFIED}From: Robot <${ROBOT}>\r\nTo: loop@localhost\r\nSubject: Hello\r\nMessage-ID: <robot-0@example.net>\r\n\r\nStart.\r\n`,
      );
      let rounds = 0;
      let before = -1;
      // Bounded: the loop must die out long before 20 rounds.
      while (rounds < 20) {
        rounds++;
        await fetch();
        await send();
        const total = await robotAnswers();
        if (total === before) break;
        before = total;
      }
      const limit =
        DEFAULT_EMAIL_PREFERENCES.loopProtection.autoRepliesPerRecipientPerHour;
      expect(rounds).toBeLessThan(20);
      expect(bed.messages.filter(m => m.to.includes(ROBOT))).toHaveLength(
        limit,
      );
      expect(suppressed.length).toBeGreaterThanOrEqual(1);
      expect(suppressed[0]).toMatchObject({ recipient: ROBOT });
    } finally {
      await worker.close();
    }
  });
});
