import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { freePort, startTestBed, TestBed } from '@internal/emails-test-bed';
import { MailServerRecord } from '../database';
import { OutboundStore } from '../database/OutboundStore';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';
import {
  LocalMessage,
  outgoingServer,
  startLocalSmtp,
} from './__testUtils__/localSmtp';
import {
  startHttpConnectProxy,
  startSocks5Proxy,
} from './__testUtils__/localProxies';
import { composeOutbound } from './compose';
import { OutboundWorker, OutboundWorkerOptions } from './OutboundWorker';
import { EmailRule } from '@internal/plugin-emails-common';

jest.setTimeout(120_000);

const USER = 'support@localhost';
const t0 = new Date('2026-11-21T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('OutboundWorker', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });
  let bed: TestBed;
  let primary: MailServerRecord;
  const workers: OutboundWorker[] = [];

  beforeAll(async () => {
    bed = await startTestBed();
    primary = outgoingServer(
      'primary',
      {
        port: bed.ports.submission,
        security: 'starttls',
        authNeeded: true,
        username: USER,
        senderName: 'IT Support',
        replyTo: 'helpdesk@localhost',
      },
      { email: USER, primary: true },
    );
  }, 60_000);

  // Each worker pools two connections: closed after its test, so the test
  // bed's Dovecot stays below its 10 connections per user and address.
  afterEach(() => workers.splice(0).forEach(w => w.close()));

  afterAll(async () => {
    await bed?.stop();
  });

  async function setup(
    extra: MailServerRecord[] = [],
    databaseId: any = 'SQLITE_3',
    routing?: OutboundWorkerOptions['routing'],
    more: Partial<OutboundWorkerOptions> = {},
  ) {
    const knex = await migratedKnex(databases, databaseId);
    const store = new OutboundStore(knex);
    const records = [primary, ...extra];
    const servers = {
      list: async () => records,
      withSecrets: async (id: string) => ({
        record: records.find(r => r.id === id)!,
        secrets: { password: bed.passwordOf(USER) },
      }),
    };
    const newWorker = (workerId: string) => {
      const worker = new OutboundWorker({
        store,
        servers,
        routing,
        logger: mockServices.logger.mock(),
        workerId,
        trustedCertificates: [bed.caPem],
        connectionTimeoutMs: 5_000,
        random: () => 0.5,
        ...more,
      });
      workers.push(worker);
      return worker;
    };
    return { store, newWorker };
  }

  async function enqueue(
    store: OutboundStore,
    server: MailServerRecord,
    key: string,
    to = ['customer@example.test'],
    now = t0,
  ) {
    const input = await composeOutbound(server, {
      idempotencyKey: key,
      to,
      subject: `Ticket ${key}`,
      text: `About ${key}`,
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    return (await store.enqueue(input, now)).message;
  }

  const sinkCount = (key: string) =>
    bed.messages.filter(m => m.raw.toString().includes(`Ticket ${key}\r\n`))
      .length;

  it('sends a queued message once through STARTTLS + AUTH with the exact bytes', async () => {
    const { store, newWorker } = await setup();
    const queued = await enqueue(store, primary, 'exact');
    const worker = newWorker('w1');
    expect(await worker.runOnce(at(1))).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    const got = await bed.waitForMessage(m =>
      m.raw.toString().includes('Ticket exact'),
    );
    // The relay may add trace headers in front; our bytes follow unchanged.
    expect(got.raw.subarray(got.raw.length - queued.raw.length)).toEqual(
      queued.raw,
    );
    const raw = queued.raw.toString();
    expect(raw).toMatch(/^From: IT Support <support@localhost>\r$/m);
    expect(raw).toMatch(/^Reply-To: helpdesk@localhost\r$/m);
    expect(raw).toContain(`Message-ID: ${queued.messageId}\r\n`);
    expect(got).toMatchObject({ from: USER, to: ['customer@example.test'] });
    expect(await store.get(queued.id)).toMatchObject({
      status: 'sent',
      usedServerId: 'primary',
      attempts: 1,
    });
    await worker.runOnce(at(2));
    expect(sinkCount('exact')).toBe(1);
  });

  it.each(databases.eachSupportedId())(
    'two workers on one database send each message once on %p',
    async databaseId => {
      const { store, newWorker } = await setup([], databaseId);
      const keys = [0, 1, 2, 3, 4, 5].map(i => `pair-${databaseId}-${i}`);
      for (const key of keys) await enqueue(store, primary, key);
      const [a, b] = await Promise.all([
        newWorker('wa').runOnce(at(1)),
        newWorker('wb').runOnce(at(1)),
      ]);
      expect(a.sent + b.sent).toBe(keys.length);
      for (const key of keys) {
        await bed.waitForMessage(m => m.raw.toString().includes(key));
      }
      expect(keys.map(sinkCount)).toEqual(keys.map(() => 1));
    },
  );

  it('sends a message whose worker crashed between claim and send exactly once', async () => {
    const { store, newWorker } = await setup();
    const queued = await enqueue(store, primary, 'crash');
    // The crashed worker claimed it and never got further.
    expect(await store.claimDue('crashed', 10, at(1))).toHaveLength(1);
    const worker = newWorker('survivor');
    expect((await worker.runOnce(at(60))).sent).toBe(0);
    expect((await worker.runOnce(at(11 * 60))).sent).toBe(1);
    await bed.waitForMessage(m => m.raw.toString().includes('Ticket crash'));
    await worker.runOnce(at(12 * 60));
    expect(sinkCount('crash')).toBe(1);
    expect(await store.get(queued.id)).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });

  it('falls back to the primary while the preferred server is down and goes back when it recovers', async () => {
    const port = await freePort();
    const preferred = outgoingServer('preferred', {
      port,
      security: 'none',
      authNeeded: false,
    });
    const observed: [string, string, string | undefined][] = [];
    const { store, newWorker } = await setup(
      [preferred],
      'SQLITE_3',
      undefined,
      {
        health: {
          observe: async (_direction, id, o) => {
            observed.push([id, o.status, o.error]);
          },
        },
      },
    );
    const worker = newWorker('fallback');

    const down = await enqueue(store, preferred, 'down-1');
    expect((await worker.runOnce(at(1))).sent).toBe(1);
    expect(await store.get(down.id)).toMatchObject({
      status: 'sent',
      usedServerId: 'primary',
    });
    const relayed = await bed.waitForMessage(m =>
      m.raw.toString().includes('Ticket down-1'),
    );
    expect(relayed.raw.toString()).toContain('Sender: <support@localhost>\r\n');
    expect(relayed.raw.toString()).toContain('From: preferred@localhost\r\n');
    // The admin's cards learn it: the preferred server is down, the primary up.
    expect(observed).toEqual([
      ['preferred', 'unreachable', expect.stringContaining('ECONNREFUSED')],
      ['primary', 'reachable', undefined],
    ]);

    const received: LocalMessage[] = [];
    const local = await startLocalSmtp({ port }, received);
    try {
      // Still within the retry time: straight to the primary.
      const stillDown = await enqueue(
        store,
        preferred,
        'down-2',
        undefined,
        at(2),
      );
      await worker.runOnce(at(10));
      expect((await store.get(stillDown.id)).usedServerId).toBe('primary');
      expect(received).toHaveLength(0);

      // After it: the preferred server is probed and used again.
      const back = await enqueue(store, preferred, 'back', undefined, at(70));
      await worker.runOnce(at(70));
      expect(await store.get(back.id)).toMatchObject({
        status: 'sent',
        usedServerId: 'preferred',
      });
      expect(received).toHaveLength(1);
      expect(received[0].raw).toEqual(back.raw);
    } finally {
      await local.stop();
    }
  });

  it.each(databases.eachSupportedId())(
    'routes by the outgoing rules, then the mailbox link, then the primary, as the rules stand at each send, on %p',
    async databaseId => {
      const eu = await startLocalSmtp();
      const linked = await startLocalSmtp();
      try {
        const euServer = outgoingServer('eu', {
          port: eu.port,
          security: 'none',
          authNeeded: false,
        });
        const linkedServer = outgoingServer('linked', {
          port: linked.port,
          security: 'none',
          authNeeded: false,
        });
        const salesMailbox: MailServerRecord = {
          ...outgoingServer('sales', {}),
          outgoingServerId: 'linked',
        };
        const rules: EmailRule[] = [
          {
            id: 'r1',
            name: 'EU customers',
            enabled: true,
            match: 'all',
            conditions: [
              {
                field: 'requesterDomain',
                operator: 'endsWith',
                values: ['.eu'],
              },
            ],
            actions: [{ type: 'useOutgoingServer', serverId: 'eu' }],
            stopProcessing: false,
          },
        ];
        const { store, newWorker } = await setup(
          [euServer, linkedServer],
          databaseId,
          { rules: async () => rules, mailboxes: async () => [salesMailbox] },
        );
        const queue = async (key: string, requesterEmail: string) => {
          const input = await composeOutbound(primary, {
            idempotencyKey: key,
            to: [requesterEmail],
            subject: `Ticket ${key}`,
            text: `About ${key}`,
          });
          const { preferredServerId: _chosen, ...unchosen } = input;
          return (
            await store.enqueue(
              {
                ...unchosen,
                routing: { mailboxId: 'sales', requesterEmail },
              },
              t0,
            )
          ).message;
        };
        const toEu = await queue(`${databaseId}-eu`, 'anna@shop.eu');
        const toLinked = await queue(`${databaseId}-linked`, 'bob@shop.test');
        const worker = newWorker(`rules-${databaseId}`);
        expect((await worker.runOnce(at(1))).sent).toBe(2);
        expect(await store.get(toEu.id)).toMatchObject({
          usedServerId: 'eu',
          route: { serverId: 'eu', by: 'rule', ruleName: 'EU customers' },
        });
        expect(await store.get(toLinked.id)).toMatchObject({
          usedServerId: 'linked',
          route: { serverId: 'linked', by: 'mailbox' },
        });
        expect(eu.messages.map(m => m.to)).toEqual([['anna@shop.eu']]);
        expect(linked.messages.map(m => m.to)).toEqual([['bob@shop.test']]);

        // The rule is turned off before the next send: it no longer applies.
        rules[0] = { ...rules[0], enabled: false };
        const after = await queue(`${databaseId}-after`, 'carl@shop.eu');
        await worker.runOnce(at(2));
        expect(await store.get(after.id)).toMatchObject({
          usedServerId: 'linked',
          route: { by: 'mailbox' },
        });

        // Without a mailbox link, the primary.
        salesMailbox.outgoingServerId = undefined;
        const plain = await queue(`${databaseId}-plain`, 'dora@shop.test');
        await worker.runOnce(at(3));
        expect(await store.get(plain.id)).toMatchObject({
          usedServerId: 'primary',
          route: { by: 'primary' },
        });
        await bed.waitForMessage(m =>
          m.raw.toString().includes(`Ticket ${databaseId}-plain`),
        );
      } finally {
        await eu.stop();
        await linked.stop();
      }
    },
  );

  it.each([
    ['an HTTP CONNECT', 'http' as const, startHttpConnectProxy],
    ['a SOCKS5', 'socks5' as const, startSocks5Proxy],
  ])(
    'sends through %s proxy with its credentials when the server uses one',
    async (_name, protocol, startProxy) => {
      const credentials = { username: 'relay', password: 'proxy-pw-4d1' };
      const proxy = await startProxy(credentials);
      const received: LocalMessage[] = [];
      const smtp = await startLocalSmtp({}, received);
      try {
        const proxied = outgoingServer(
          'proxied',
          { port: smtp.port, security: 'none', authNeeded: false },
          { proxyId: 'px' },
        );
        const { store, newWorker } = await setup(
          [proxied],
          'SQLITE_3',
          undefined,
          {
            proxyFor: async id => {
              expect(id).toBe('px');
              return {
                protocol,
                host: '127.0.0.1',
                port: proxy.port,
                ...credentials,
              };
            },
          },
        );
        const queued = await enqueue(store, proxied, `proxy-${protocol}`);
        expect((await newWorker(`proxy-${protocol}`).runOnce(at(1))).sent).toBe(
          1,
        );
        expect(await store.get(queued.id)).toMatchObject({
          status: 'sent',
          usedServerId: 'proxied',
        });
        expect(received.map(m => m.raw.equals(queued.raw))).toEqual([true]);
        expect(proxy.tunnels).toEqual([
          { target: `127.0.0.1:${smtp.port}`, user: 'relay' },
        ]);
      } finally {
        await smtp.stop();
        await proxy.stop();
      }
    },
  );

  it('hands the message to the primary when the SOCKS5 proxy of its server is down', async () => {
    const port = await freePort();
    const proxied = outgoingServer(
      'socks-down',
      { port: 25, security: 'none', authNeeded: false },
      { proxyId: 'px' },
    );
    const { store, newWorker } = await setup([proxied], 'SQLITE_3', undefined, {
      proxyFor: async () => ({ protocol: 'socks5', host: '127.0.0.1', port }),
    });
    const queued = await enqueue(store, proxied, 'socks-down-1');
    expect((await newWorker('socks-down').runOnce(at(1))).sent).toBe(1);
    expect(await store.get(queued.id)).toMatchObject({
      status: 'sent',
      usedServerId: 'primary',
    });
    await bed.waitForMessage(m =>
      m.raw.toString().includes('Ticket socks-down-1'),
    );
  });

  it('claims nothing when the rules cannot be read', async () => {
    const { store, newWorker } = await setup([], 'SQLITE_3', {
      rules: async () => {
        throw new Error('database gone');
      },
      mailboxes: async () => [],
    });
    const queued = await enqueue(store, primary, 'rules-down');
    await expect(newWorker('rules-down').runOnce(at(1))).rejects.toThrow(
      'database gone',
    );
    expect(await store.get(queued.id)).toMatchObject({
      status: 'queued',
      attempts: 0,
    });
  });

  it('sends through the primary when the picked server speaks a protocol the worker cannot', async () => {
    const ews = outgoingServer(
      'ews',
      {},
      { protocol: 'ews', name: 'EWS mailbox' },
    );
    const { store, newWorker } = await setup([ews]);
    const queued = await enqueue(store, ews, 'ews-1');
    expect((await newWorker('ews').runOnce(at(1))).sent).toBe(1);
    expect(await store.get(queued.id)).toMatchObject({
      status: 'sent',
      usedServerId: 'primary',
      route: { serverId: 'ews', by: 'chosen' },
    });
    await bed.waitForMessage(m => m.raw.toString().includes('Ticket ews-1'));
  });

  it('sends over implicit TLS with AUTH to a server trusting the test CA', async () => {
    const received: LocalMessage[] = [];
    const local = await startLocalSmtp(
      {
        secure: true,
        key: bed.certificates.keyPem,
        cert: bed.certificates.certPem,
      },
      received,
    );
    try {
      const ssl = outgoingServer('ssl', {
        port: local.port,
        security: 'ssl',
        authNeeded: true,
        username: 'tls-user',
      });
      const { store, newWorker } = await setup([ssl]);
      const queued = await enqueue(store, ssl, 'ssl');
      expect((await newWorker('ssl').runOnce(at(1))).sent).toBe(1);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ authUser: 'tls-user' });
      expect(received[0].raw).toEqual(queued.raw);
    } finally {
      await local.stop();
    }
  });

  it('fails a message at once when the server refuses the recipient with 5xx', async () => {
    const local = await startLocalSmtp();
    try {
      const server = outgoingServer('strict', {
        port: local.port,
        security: 'none',
        authNeeded: false,
      });
      const { store, newWorker } = await setup([server]);
      const queued = await enqueue(store, server, 'rejected', [
        'reject-5xx@example.test',
      ]);
      expect((await newWorker('w').runOnce(at(1))).failed).toBe(1);
      const failed = await store.get(queued.id);
      expect(failed).toMatchObject({
        status: 'failed',
        attempts: 1,
        usedServerId: 'strict',
      });
      expect(failed.lastError).toMatch(/550.*No such user/);
      expect(sinkCount('rejected')).toBe(0);
    } finally {
      await local.stop();
    }
  });

  it('retries a 4xx answer later with back-off', async () => {
    const local = await startLocalSmtp();
    try {
      const server = outgoingServer('greylist', {
        port: local.port,
        security: 'none',
        authNeeded: false,
      });
      const { store, newWorker } = await setup([server]);
      const queued = await enqueue(store, server, 'later', [
        'later-4xx@example.test',
      ]);
      const worker = newWorker('w');
      expect((await worker.runOnce(at(1))).retrying).toBe(1);
      const retrying = await store.get(queued.id);
      expect(retrying).toMatchObject({ status: 'queued', attempts: 1 });
      expect(retrying.lastError).toMatch(/451.*Try again later/);
      // 30 s * 2^0, jitter pinned to the middle.
      expect(retrying.nextAttemptAt).toBe(at(31).toISOString());
      expect((await worker.runOnce(at(20))).retrying).toBe(0);
      await worker.runOnce(at(31));
      expect(await store.get(queued.id)).toMatchObject({
        attempts: 2,
        nextAttemptAt: at(31 + 60).toISOString(),
      });
      expect(sinkCount('later')).toBe(0);
    } finally {
      await local.stop();
    }
  });
});
