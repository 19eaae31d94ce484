// The outbound worker reports every send to the health alerts, unthrottled,
// against the test bed's submission server stopped and started again.
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { startTestBed, TestBed } from '@internal/emails-test-bed';
import { ConfigAuditRecorder } from '../audit/ConfigAuditRecorder';
import { createStores, Stores } from '../database';
import { AdminNotifier } from '../oauth/OAuthAlerts';
import { outgoingServer } from '../outbound/__testUtils__/localSmtp';
import { composeOutbound } from '../outbound/compose';
import { OutboundWorker } from '../outbound/OutboundWorker';
import { HealthAlerts } from './HealthAlerts';

jest.setTimeout(120_000);

const USER = 'support@localhost';

describe('health alerts of an outgoing server', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let bed: TestBed;
  let stores: Stores;
  let worker: OutboundWorker;
  const sent: Parameters<AdminNotifier['send']>[0][] = [];

  beforeAll(async () => {
    bed = await startTestBed();
    const knex = await databases.init('SQLITE_3');
    stores = await createStores({ getClient: async () => knex });
  }, 60_000);
  afterAll(async () => {
    worker?.close();
    await bed?.stop();
  });

  it('alerts once after 3 failed sends and once when the server sends again', async () => {
    const relay = outgoingServer(
      'relay',
      {
        port: bed.ports.submission,
        security: 'starttls',
        authNeeded: true,
        username: USER,
      },
      { email: USER, primary: true },
    );
    const alerts = new HealthAlerts({
      notifier: { send: async n => void sent.push(n) },
      settings: {
        failureThreshold: 3,
        alertRecipients: ['group:default/emails-admins'],
        reminderIntervalMs: 0,
      },
      stores,
      audit: new ConfigAuditRecorder(
        stores.configAudit,
        mockServices.auditor.mock(),
      ),
      logger: mockServices.logger.mock(),
    });
    worker = new OutboundWorker({
      store: stores.outbound,
      servers: {
        list: async () => [relay],
        withSecrets: async () => ({
          record: relay,
          secrets: { password: bed.passwordOf(USER) },
        }),
      },
      health: stores.health,
      alerts,
      logger: mockServices.logger.mock(),
      trustedCertificates: [bed.caPem],
      connectionTimeoutMs: 5_000,
      random: () => 0.5,
    });
    const enqueue = async (key: string) =>
      stores.outbound.enqueue(
        await composeOutbound(relay, {
          idempotencyKey: key,
          to: ['customer@example.test'],
          subject: `Ticket ${key}`,
          text: `About ${key}`,
        }),
        new Date(),
      );

    await bed.stopDovecot();
    for (const key of ['a', 'b', 'c', 'd', 'e']) await enqueue(key);
    expect(await worker.runOnce(new Date())).toMatchObject({ retrying: 5 });
    expect(sent.map(n => n.payload.title)).toEqual([
      'The outgoing email server "relay" (support@localhost) failed 3 sends in a row',
    ]);
    expect(sent[0].payload.description).toMatch(
      /^Connection failed: Nothing accepts connections on port \d+/,
    );

    await bed.startDovecot();
    await enqueue('f');
    expect(await worker.runOnce(new Date())).toMatchObject({ sent: 1 });
    expect(sent.map(n => n.payload.title)).toEqual([
      'The outgoing email server "relay" (support@localhost) failed 3 sends in a row',
      'The outgoing email server "relay" (support@localhost) works again',
    ]);
  });
});
