import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { ConfigAuditRecorder } from '../audit/ConfigAuditRecorder';
import { createStores, MailServerRecord, Stores } from '../database';
import { AdminNotifier } from '../oauth/OAuthAlerts';
import { HEALTH_ALERT_TOPIC, HealthAlerts } from './HealthAlerts';

type Sent = Parameters<AdminNotifier['send']>[0];

const ADMINS = ['group:default/emails-admins'];

function server(
  id: string,
  fields: Partial<MailServerRecord> = {},
): MailServerRecord {
  return {
    id,
    name: `Desk ${id}`,
    email: `${id}@example.com`,
    protocol: 'imap',
    enabled: true,
    primary: false,
    settings: { host: 'mail.example.com', port: 993, security: 'ssl' },
    version: 1,
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...fields,
  };
}

const REFUSED = { message: 'connect ECONNREFUSED 10.0.0.1:993' };

describe('HealthAlerts', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let stores: Stores;
  let sent: Sent[];
  let notifier: AdminNotifier;

  beforeEach(async () => {
    knex = await databases.init('SQLITE_3');
    stores = await createStores({ getClient: async () => knex });
    sent = [];
    notifier = { send: async n => void sent.push(n) };
  });

  function alerts(options: { notifier?: AdminNotifier } = {}) {
    return new HealthAlerts({
      notifier: options.notifier ?? notifier,
      settings: {
        failureThreshold: 5,
        alertRecipients: ADMINS,
        reminderIntervalMs: 24 * 3600_000,
      },
      stores,
      audit: new ConfigAuditRecorder(
        stores.configAudit,
        mockServices.auditor.mock(),
      ),
      logger: mockServices.logger.mock(),
    });
  }

  const titles = () => sent.map(n => n.payload.title);

  it('tells the admins once, at the fifth failed sync, with the stage and its hint', async () => {
    const health = alerts();
    const desk = server('a');
    for (let i = 0; i < 4; i++) await health.failed('incoming', desk, REFUSED);
    expect(sent).toEqual([]);
    await health.failed('incoming', desk, REFUSED);
    for (let i = 0; i < 10; i++) await health.failed('incoming', desk, REFUSED);

    expect(sent).toHaveLength(1);
    const [alert] = sent;
    expect(alert.recipients).toEqual({ type: 'entity', entityRef: ADMINS });
    expect(alert.payload).toMatchObject({
      title:
        'The incoming email server "Desk a" (a@example.com) failed 5 syncs in a row',
      severity: 'high',
      topic: HEALTH_ALERT_TOPIC,
    });
    expect(alert.payload.description).toContain(
      'Connection failed: Nothing accepts connections on port 993 (connect ECONNREFUSED 10.0.0.1:993)',
    );
    // Test Connection's hint for a refused port.
    expect(alert.payload.description).toContain(
      'Check the port number (IMAP uses 143 for None/STARTTLS and 993 for SSL) and that the mail server is running.',
    );
  });

  it('sends one recovery when it works again, and counts afresh after it', async () => {
    const health = alerts();
    const desk = server('a');
    for (let i = 0; i < 5; i++) await health.failed('incoming', desk, REFUSED);
    await health.worked('incoming', desk);
    await health.worked('incoming', desk);
    expect(titles()).toEqual([
      'The incoming email server "Desk a" (a@example.com) failed 5 syncs in a row',
      'The incoming email server "Desk a" (a@example.com) works again',
    ]);
    expect(sent[1].payload.severity).toBe('normal');
    for (let i = 0; i < 4; i++) await health.failed('incoming', desk, REFUSED);
    expect(sent).toHaveLength(2);

    const audit = await stores.configAudit.list({});
    expect(audit.map(e => [e.action, e.targetId, e.actor])).toEqual(
      expect.arrayContaining([
        ['health-alert', 'a', 'emails-backend'],
        ['health-recovered', 'a', 'emails-backend'],
      ]),
    );
  });

  it('sends one alert when two replicas count the same failures at once', async () => {
    const replicas = [alerts(), alerts()];
    const desk = server('a');
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        replicas[i % 2].failed('incoming', desk, REFUSED),
      ),
    );
    await Promise.all(replicas.map(r => r.worked('incoming', desk)));
    expect(titles()).toEqual([
      expect.stringMatching(/failed 5 syncs in a row$/),
      expect.stringMatching(/works again$/),
    ]);
  });

  it('keeps its state over a restart: no second alert, and the recovery still comes', async () => {
    const desk = server('a');
    const before = alerts();
    for (let i = 0; i < 6; i++) await before.failed('incoming', desk, REFUSED);
    // A new process: a new service and new stores on the same database.
    stores = await createStores({ getClient: async () => knex });
    const after = alerts();
    for (let i = 0; i < 6; i++) await after.failed('incoming', desk, REFUSED);
    await after.worked('incoming', desk);
    expect(titles()).toEqual([
      expect.stringMatching(/failed 5 syncs in a row$/),
      expect.stringMatching(/works again$/),
    ]);
  });

  it('tells once that a mailbox was paused by its error threshold, and when it works again', async () => {
    const health = alerts();
    const desk = server('a');
    const reason =
      'Fetching paused after 5 consecutive message errors (last: parse failed). Fix the cause, then resume fetching.';
    await health.paused(desk, reason);
    await health.paused(desk, reason);
    await health.worked('incoming', desk);
    expect(titles()).toEqual([
      'Fetching from the incoming email server "Desk a" (a@example.com) is paused',
      'The incoming email server "Desk a" (a@example.com) works again',
    ]);
    expect(sent[0].payload.description).toContain(reason);
    expect(sent[1].payload.description).toBe(
      'Its last sync succeeded after fetching was paused.',
    );
  });

  it('counts failed sends of an outgoing server, worded as sends, with the sign-in hint', async () => {
    const health = alerts();
    const relay = server('r', {
      protocol: 'smtp',
      settings: { host: 'smtp.example.com', port: 587, security: 'starttls' },
    });
    const refused = { message: '535 5.7.8 Authentication credentials invalid' };
    for (let i = 0; i < 7; i++) await health.failed('outgoing', relay, refused);
    await health.worked('outgoing', relay);
    expect(titles()).toEqual([
      'The outgoing email server "Desk r" (r@example.com) failed 5 sends in a row',
      'The outgoing email server "Desk r" (r@example.com) works again',
    ]);
    expect(sent[0].payload.description).toMatch(
      /^Sign-in failed: The username or password was not accepted \(535 .*\)\. Check the username/,
    );
    expect(sent[0].payload.description).toContain(
      'Messages wait in the outgoing queue',
    );
  });

  it('leaves an expired OAuth sign-in to the OAuth alert, and still tells the recovery', async () => {
    const health = alerts();
    const desk = server('o');
    await stores.oauth.expire('incoming', 'o', {
      kind: 'invalid_grant',
      message: 'The refresh token was revoked',
    });
    const failure = {
      message: 'Sign-in refused',
      auth: true,
      authExpired: true,
    };
    for (let i = 0; i < 8; i++) await health.failed('incoming', desk, failure);
    expect(sent).toEqual([]);
    await health.worked('incoming', desk);
    expect(titles()).toEqual([
      'The incoming email server "Desk o" (o@example.com) works again',
    ]);
    expect(sent[0].payload.description).toBe(
      'Its last sync succeeded after its OAuth sign-in expired.',
    );
  });

  it('an OAuth token refused without an expired sign-in alerts like any failure', async () => {
    const health = alerts();
    const desk = server('o');
    const failure = {
      message: 'AUTHENTICATE failed',
      auth: true,
      authExpired: true,
    };
    for (let i = 0; i < 5; i++) await health.failed('incoming', desk, failure);
    expect(sent).toHaveLength(1);
    expect(sent[0].payload.description).toMatch(
      /^Sign-in failed: The OAuth access token was not accepted/,
    );
  });

  it('never fails the sync when the notifications service is down', async () => {
    const logger = mockServices.logger.mock();
    const health = new HealthAlerts({
      notifier: {
        send: async () => {
          throw new Error('notifications backend unavailable');
        },
      },
      settings: {
        failureThreshold: 1,
        alertRecipients: ADMINS,
        reminderIntervalMs: 0,
      },
      stores,
      audit: new ConfigAuditRecorder(
        stores.configAudit,
        mockServices.auditor.mock(),
      ),
      logger,
    });
    await expect(
      health.failed('incoming', server('a'), REFUSED),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('notifications backend unavailable'),
    );
  });
});
