// Health alerts end to end: the plugin in a test backend fetching from the
// test bed's Dovecot, which is stopped and started again. The notifications
// go through Backstage's notifications backend in the same test backend and
// are read back through its API by an administrator, a member of the
// `emails.admins` group the alerts are addressed to.
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  buildTestMessage,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import request from 'supertest';
import { GROUPS, startEmailsBackend } from '../__testUtils__/testBackend';
import { waitFor } from '../__testUtils__/waitFor';
import { HEALTH_ALERT_TOPIC } from './HealthAlerts';

jest.setTimeout(120_000);

const THRESHOLD = 3;
const ADMINS = 'group:default/emails-admins';
const ALICE = 'user:default/alice';

/** The admins group with alice in it, as the notifications backend resolves recipients. */
const CATALOG: Entity[] = [
  ...GROUPS,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'emails-admins', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: ALICE }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: { memberOf: ['emails-admins'] },
    relations: [{ type: 'memberOf', targetRef: ADMINS }],
  },
];

describe('health alerts against a Dovecot that stops and starts again', () => {
  let bed: TestBed;
  let backend: Awaited<ReturnType<typeof startEmailsBackend>>;
  let alerts: { payload: { title: string; description?: string } }[] = [];

  beforeAll(async () => {
    bed = await startTestBed();
    backend = await startEmailsBackend(
      {
        admins: [ADMINS],
        tls: { trustedCertificates: [bed.caPem] },
        health: { failureThreshold: THRESHOLD },
      },
      [notificationsPlugin],
      {
        catalogEntities: CATALOG,
        // The notifications backend links to the portal.
        config: { app: { baseUrl: 'http://localhost:3000' } },
      },
    );
  });
  afterAll(() => bed?.stop());

  /** Alice's health notifications, oldest first, read through the notifications API. */
  async function readAlerts() {
    const res = await request(backend.server)
      .get(`/api/notifications?topic=${HEALTH_ALERT_TOPIC}`)
      .set('Authorization', mockCredentials.user.header(ALICE));
    expect(res.status).toBe(200);
    alerts = [...res.body.notifications].reverse();
    return alerts;
  }
  const healthAlerts = () => alerts;
  const health = async (id: string) =>
    (await backend.call('admin', 'get', `/servers/incoming/${id}`)).body.health;

  /** Sync now, then wait until the health shows the run's outcome. */
  async function sync(id: string, done: (h: any) => boolean, what: string) {
    return waitFor(async () => {
      const h = await health(id);
      if (done(h)) return h;
      await backend.call('admin', 'post', `/servers/incoming/${id}/sync`);
      return undefined;
    }, what);
  }

  it('alerts once after the threshold of failed syncs, and once when Dovecot is back', async () => {
    const user = bed.users[0].user;
    const created = await backend.call('admin', 'post', '/servers/incoming', {
      name: 'Support desk',
      email: user,
      protocol: 'imap',
      host: bed.host,
      port: bed.ports.imaps,
      security: 'ssl',
      authType: 'basic',
      username: user,
      password: bed.passwordOf(user),
      realTime: false,
      pollIntervalSeconds: 3600,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await sync(id, h => h.status === 'reachable', 'the first sync');

    await bed.stopDovecot();
    for (let n = 1; n <= THRESHOLD + 2; n++) {
      const h = await sync(
        id,
        x => x.consecutiveFailures >= n,
        `failed sync ${n}`,
      );
      expect(h.status).toBe('unreachable');
      // The runner notifies just after it records the failure.
      const expected = n < THRESHOLD ? 0 : 1;
      if (expected) {
        await waitFor(
          async () => ((await readAlerts()).length ? true : undefined),
          'the alert',
        );
      }
      expect(await readAlerts()).toHaveLength(expected);
    }
    const [alert] = healthAlerts();
    expect(alert.payload.title).toBe(
      `The incoming email server "Support desk" (${user}) failed ${THRESHOLD} syncs in a row`,
    );
    expect(alert.payload.description).toMatch(
      /^Connection failed: Nothing accepts connections on port \d+ \(.*ECONNREFUSED.*\)\. Check the port number/,
    );

    await bed.startDovecot();
    await bed.deliver(
      user,
      buildTestMessage({ subject: 'Back again', to: user }),
    );
    await sync(id, h => h.status === 'reachable', 'the sync after the restart');
    await waitFor(
      async () => ((await readAlerts()).length === 2 ? true : undefined),
      'the recovery notification',
    );
    // More working syncs send nothing more.
    await backend.call('admin', 'post', `/servers/incoming/${id}/sync`);
    await new Promise(r => setTimeout(r, 1_000));
    expect((await readAlerts()).map(n => n.payload.title)).toEqual([
      alert.payload.title,
      `The incoming email server "Support desk" (${user}) works again`,
    ]);

    // The message fetched after the restart is in this hour of the activity chart.
    const activity = await waitFor(async () => {
      const res = await backend.call(
        'admin',
        'get',
        `/servers/incoming/${id}/activity`,
      );
      return res.body.hours[23].processed > 0 ? res.body : undefined;
    }, 'the processed message in the activity chart');
    expect(activity.hours[23].latencyP95Ms).toBeGreaterThanOrEqual(0);

    const audit = await backend.call(
      'admin',
      'get',
      '/audit/config?target=incoming-server',
    );
    const actions = audit.body
      .filter((e: { targetId: string }) => e.targetId === id)
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['health-alert', 'health-recovered']),
    );
  });
});
