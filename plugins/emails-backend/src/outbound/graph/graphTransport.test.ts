// Sending through Microsoft Graph, against a local HTTPS stand-in for Graph
// (the test bed's GraphPeer: documented sendMail shapes, not Microsoft's
// service) whose tokens the test bed's OAuth server issues and introspects.
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  GraphPeer,
  startBedGraphPeer,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { simpleParser } from 'mailparser';
import { MailServerRecord } from '../../database';
import { OutboundStore } from '../../database/OutboundStore';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../../__testUtils__/testDatabases';
import { oauthFetch } from '../../oauth/http';
import { outgoingServer } from '../__testUtils__/localSmtp';
import { composeOutbound } from '../compose';
import { OutboundWorker } from '../OutboundWorker';

jest.setTimeout(120_000);

const MAILBOX = 'support@localhost';
const t0 = new Date('2026-12-07T10:00:00.000Z');

describe('Microsoft Graph outgoing servers', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });
  let bed: TestBed;
  let graph: GraphPeer;
  let server: MailServerRecord;
  let primary: MailServerRecord;

  beforeAll(async () => {
    bed = await startTestBed();
    graph = await startBedGraphPeer(bed);
    server = outgoingServer(
      'graph',
      { graphEndpoint: graph.endpoint, authType: 'oauth' },
      { protocol: 'graph', email: MAILBOX, name: 'Graph mailbox' },
    );
    primary = outgoingServer(
      'primary',
      {
        port: bed.ports.submission,
        security: 'starttls',
        authNeeded: true,
        username: MAILBOX,
      },
      { email: MAILBOX, primary: true },
    );
  });
  afterAll(async () => {
    await graph?.stop();
    await bed?.stop();
  });

  async function setup(
    databaseId: any,
    token: (renew: boolean) => Promise<string>,
  ) {
    const store = new OutboundStore(await migratedKnex(databases, databaseId));
    const records = [primary, server];
    const worker = new OutboundWorker({
      store,
      servers: {
        list: async () => records,
        withSecrets: async (id: string) => ({
          record: records.find(r => r.id === id)!,
          secrets: { password: bed.passwordOf(MAILBOX) },
        }),
      },
      logger: mockServices.logger.mock(),
      trustedCertificates: [bed.caPem],
      graphFetch: oauthFetch([bed.caPem], 10_000),
      oauthToken: async (_id, renew) => ({ token: await token(renew) }),
      random: () => 0.5,
    });
    const enqueue = async (key: string, bcc: string[] = []) =>
      (
        await store.enqueue(
          await composeOutbound(server, {
            idempotencyKey: key,
            to: ['rita@example.com'],
            bcc,
            subject: `Ticket ${key}`,
            text: `About ${key}`,
          }),
          t0,
        )
      ).message;
    return { store, worker, enqueue };
  }

  it.each(databases.eachSupportedId())(
    'sends the MIME message as the mailbox, renewing a refused token once, on %p',
    async databaseId => {
      const renewals: boolean[] = [];
      const { store, worker, enqueue } = await setup(
        databaseId,
        async renew => {
          renewals.push(renew);
          return renew ? bed.issueAccessToken(MAILBOX) : 'stale-token';
        },
      );
      const queued = await enqueue(`graph-${databaseId}`, [
        'audit@example.com',
      ]);
      expect((await worker.runOnce(new Date(t0.getTime() + 1000))).sent).toBe(
        1,
      );
      expect(renewals).toEqual([false, true]);
      const sent = graph.sent.find(m =>
        m.raw.toString().includes(`Ticket graph-${databaseId}`),
      );
      expect(sent?.mailbox).toBe(MAILBOX);
      const parsed = await simpleParser(sent!.raw);
      expect(parsed.messageId).toBe(queued.messageId);
      expect((parsed.bcc as any)?.text).toContain('audit@example.com');
      expect(await store.get(queued.id)).toMatchObject({
        status: 'sent',
        usedServerId: 'graph',
      });
      worker.close();
    },
  );

  it('waits as long as Graph asks after 429, then sends', async () => {
    const { store, worker, enqueue } = await setup('SQLITE_3', () =>
      bed.issueAccessToken(MAILBOX),
    );
    const queued = await enqueue('throttled');
    graph.throttle(1, 120);
    const now = new Date(t0.getTime() + 1000);
    expect(await worker.runOnce(now)).toMatchObject({ retrying: 1 });
    const waiting = await store.get(queued.id);
    expect(waiting.status).toBe('queued');
    expect(
      Date.parse(waiting.nextAttemptAt!) - now.getTime(),
    ).toBeGreaterThanOrEqual(120_000);
    expect(waiting.lastError).toContain('429 ApplicationThrottled');
    expect((await worker.runOnce(new Date(now.getTime() + 121_000))).sent).toBe(
      1,
    );
    worker.close();
  });

  it('hands the message to the primary when Graph refuses the mailbox (403)', async () => {
    graph.denySendAs(MAILBOX);
    const { store, worker, enqueue } = await setup('SQLITE_3', () =>
      bed.issueAccessToken(MAILBOX),
    );
    const queued = await enqueue('denied');
    expect((await worker.runOnce(new Date(t0.getTime() + 1000))).sent).toBe(1);
    expect(await store.get(queued.id)).toMatchObject({
      status: 'sent',
      usedServerId: 'primary',
    });
    await bed.waitForMessage(m => m.raw.toString().includes('Ticket denied'));
    worker.close();
  });
});
