// One contract for every outbound transport: SMTP with XOAUTH2 (the test
// bed's Dovecot submission), Microsoft Graph and Exchange Web Services (the
// test bed's local HTTPS stand-ins for Graph and EWS, not Microsoft's
// services), through the real worker.
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  EwsPeer,
  GraphPeer,
  startBedEwsPeer,
  startBedGraphPeer,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { simpleParser } from 'mailparser';
import { MailServerRecord } from '../database';
import { OutboundStore } from '../database/OutboundStore';
import { migratedKnex } from '../__testUtils__/testDatabases';
import { oauthFetch } from '../oauth/http';
import {
  LocalSmtp,
  outgoingServer,
  startLocalSmtp,
} from './__testUtils__/localSmtp';
import { composeOutbound } from './compose';
import { OutboundWorker } from './OutboundWorker';

jest.setTimeout(120_000);

const MAILBOX = 'support@localhost';
const TRANSPORTS = ['smtp', 'graph', 'ews'] as const;
type Transport = (typeof TRANSPORTS)[number];
const t0 = new Date('2026-12-07T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('the outbound transport contract', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let bed: TestBed;
  let graph: GraphPeer;
  let ews: EwsPeer;
  let primarySmtp: LocalSmtp;
  let refusing = false;

  beforeAll(async () => {
    bed = await startTestBed();
    primarySmtp = await startLocalSmtp();
    graph = await startBedGraphPeer(bed);
    ews = await startBedEwsPeer(bed);
  });
  afterAll(async () => {
    await ews?.stop();
    await graph?.stop();
    await primarySmtp?.stop();
    await bed?.stop();
  });

  const serverOf = (transport: Transport): MailServerRecord => {
    if (transport === 'ews') {
      // OAuth: the bed's tokens, checked by introspection like Dovecot's.
      return outgoingServer(
        'chosen',
        { ewsUrl: ews.url, authType: 'oauth' },
        { protocol: 'ews', email: MAILBOX },
      );
    }
    return transport === 'graph'
      ? outgoingServer(
          'chosen',
          { graphEndpoint: graph.endpoint, authType: 'oauth' },
          { protocol: 'graph', email: MAILBOX },
        )
      : outgoingServer(
          'chosen',
          {
            port: bed.ports.submission,
            security: 'starttls',
            authNeeded: true,
            authType: 'oauth',
            username: MAILBOX,
          },
          { email: MAILBOX },
        );
  };

  /** What the chosen server delivered, by subject. */
  const delivered = async (transport: Transport, subject: string) => {
    if (transport === 'ews') {
      return ews.sent.find(m =>
        m.raw.toString().includes(`Subject: ${subject}`),
      )?.raw;
    }
    if (transport === 'graph') {
      return graph.sent.find(m =>
        m.raw.toString().includes(`Subject: ${subject}`),
      )?.raw;
    }
    return bed.messages.find(m =>
      m.raw.toString().includes(`Subject: ${subject}`),
    )?.raw;
  };

  async function setup(
    transport: Transport,
    chosenOverride?: MailServerRecord,
  ) {
    const store = new OutboundStore(await migratedKnex(databases, 'SQLITE_3'));
    const chosen = chosenOverride ?? serverOf(transport);
    const primary = outgoingServer(
      'primary',
      { port: primarySmtp.port, security: 'none', authNeeded: false },
      { email: MAILBOX, primary: true },
    );
    const records = [primary, chosen];
    const worker = new OutboundWorker({
      store,
      servers: {
        list: async () => records,
        withSecrets: async (id: string) => ({
          record: records.find(r => r.id === id)!,
          secrets: {},
        }),
      },
      logger: mockServices.logger.mock(),
      trustedCertificates: [bed.caPem],
      graphFetch: oauthFetch([bed.caPem], 10_000),
      oauthToken: async () => ({
        token: refusing ? 'revoked-token' : await bed.issueAccessToken(MAILBOX),
      }),
      random: () => 0.5,
    });
    const enqueue = async (
      subject: string,
      to = ['rita@example.com'],
      cc = ['bob@example.com'],
    ) =>
      (
        await store.enqueue(
          await composeOutbound(chosen, {
            idempotencyKey: subject,
            to,
            cc,
            subject,
            text: `About ${subject}`,
            headers: {
              'In-Reply-To': '<ticket-1@example.com>',
              References: '<ticket-1@example.com>',
            },
          }),
          t0,
        )
      ).message;
    return { store, worker, enqueue };
  }

  it.each(TRANSPORTS)(
    '%s: sends the queued message with its threading headers',
    async transport => {
      const { store, worker, enqueue } = await setup(transport);
      const subject = `Threaded ${transport}`;
      const queued = await enqueue(subject);
      expect((await worker.runOnce(at(1))).sent).toBe(1);
      const parsed = await simpleParser((await delivered(transport, subject))!);
      expect(parsed.messageId).toBe(queued.messageId);
      expect(parsed.inReplyTo).toBe('<ticket-1@example.com>');
      expect((parsed.cc as any).text).toContain('bob@example.com');
      expect(await store.get(queued.id)).toMatchObject({
        status: 'sent',
        usedServerId: 'chosen',
      });
      // EWS sends with SendAndSaveCopy: the mailbox's Sent Items keeps the message.
      const saved = ews.mailbox(MAILBOX).messages('Sent Items');
      expect(
        saved.some(m => m.raw.toString().includes(`Subject: ${subject}`)),
      ).toBe(transport === 'ews');
      worker.close();
    },
  );

  it.each(TRANSPORTS)(
    '%s: a temporary refusal keeps the message queued with the reason',
    async transport => {
      // Graph throttles (429); an SMTP server defers the recipient (451).
      // Dovecot's submission accepts and defers in its relay, so the SMTP
      // server of this case is a local smtp-server peer.
      const deferring = outgoingServer(
        'chosen',
        { port: primarySmtp.port, security: 'none', authNeeded: false },
        { email: MAILBOX },
      );
      const { store, worker, enqueue } = await setup(
        transport,
        transport === 'smtp' ? deferring : undefined,
      );
      if (transport === 'graph') graph.throttle(1, 30);
      // Exchange asks for a back-off longer than a send waits in place.
      if (transport === 'ews') ews.busy(1, 30_000);
      const to =
        transport === 'smtp' ? 'later-4xx@example.com' : 'rita@example.com';
      const queued = await enqueue(`Later ${transport}`, [to], []);
      expect(await worker.runOnce(at(1))).toMatchObject({
        sent: 0,
        retrying: 1,
      });
      const waiting = await store.get(queued.id);
      expect(waiting.status).toBe('queued');
      expect(waiting.lastError).toMatch(
        { graph: /429/, ews: /ErrorServerBusy/, smtp: /451/ }[transport],
      );
      // At least the pause the server asked for (Graph 30 s, Exchange 30 000 ms).
      expect(Date.parse(waiting.nextAttemptAt!)).toBeGreaterThanOrEqual(
        at(transport === 'smtp' ? 2 : 31).getTime(),
      );
      worker.close();
    },
  );

  it.each(TRANSPORTS)(
    '%s: a refused sign-in hands the message to the primary',
    async transport => {
      const { store, worker, enqueue } = await setup(transport);
      refusing = true;
      try {
        const queued = await enqueue(`Refused ${transport}`);
        expect((await worker.runOnce(at(1))).sent).toBe(1);
        expect(await store.get(queued.id)).toMatchObject({
          status: 'sent',
          usedServerId: 'primary',
        });
        expect(
          primarySmtp.messages.some(m =>
            m.raw.toString().includes(`Refused ${transport}`),
          ),
        ).toBe(true);
      } finally {
        refusing = false;
        worker.close();
      }
    },
  );
});
