import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { deliverLmtp } from '@internal/emails-test-bed';
import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import nodemailer from 'nodemailer';
import { SmtpPushConfig } from '../../config';
import { createStores, Stores } from '../../database';
import { FakeIngest } from '../../fetching/__testUtils__/FakeIngest';
import { eventually } from '../../fetching/__testUtils__/mailboxFixture';
import { SmtpPushListener, startSmtpPushListener } from './SmtpPushListener';

jest.setTimeout(30_000);

const RAW = [
  'From: <customer@example.test>',
  'To: <help@example.test>',
  'Subject: VPN is down',
  'Message-ID: <fixed-1@example.test>',
  'Date: Sat, 21 Nov 2026 10:00:00 +0000',
  '',
  'Since this morning.',
  '',
].join('\r\n');

function config(overrides: Partial<SmtpPushConfig> = {}): SmtpPushConfig {
  return {
    enabled: true,
    host: '127.0.0.1',
    port: 0,
    lmtp: false,
    maxMessageBytes: 64 * 1024,
    allowedSources: ['127.0.0.0/8', '::1'],
    maxClients: 50,
    maxSessionMs: 600_000,
    maxCommandsPerSession: 1000,
    ...overrides,
  };
}

/** The first line a client gets on connecting. */
function greeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(5_000, () => reject(new Error('no greeting')));
    socket.once('data', data => {
      socket.destroy();
      resolve(data.toString());
    });
    socket.once('error', reject);
  });
}

describe('SmtpPushListener', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let stores: Stores;
  let helpdesk: string;
  let sales: string;
  let listener: SmtpPushListener | undefined;
  let ingest: FakeIngest;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    stores = await createStores({ getClient: async () => knex });
    const server = (
      name: string,
      email: string,
      settings = {},
      enabled = true,
    ) =>
      stores.incomingServers.create({
        name,
        email,
        protocol: 'smtp-push',
        enabled,
        primary: false,
        settings,
      });
    helpdesk = (
      await server('Helpdesk', 'help@example.test', {
        aliases: ['support@example.test'],
      })
    ).id;
    sales = (await server('Sales', 'sales@example.test')).id;
    await server('Old', 'old@example.test', {}, false);
    await stores.incomingServers.create({
      name: 'IMAP box',
      email: 'imap@example.test',
      protocol: 'imap',
      enabled: true,
      primary: false,
      settings: {},
    });
  });
  beforeEach(() => {
    ingest = new FakeIngest();
  });
  afterEach(async () => {
    await listener?.stop();
    listener = undefined;
  });

  async function start(overrides: Partial<SmtpPushConfig> = {}) {
    listener = await startSmtpPushListener({
      config: config(overrides),
      ingest,
      logger: mockServices.logger.mock(),
      stores,
    });
    return listener.port;
  }

  function send(
    port: number,
    to: string[],
    options: { raw?: string; auth?: { user: string; pass: string } } = {},
  ) {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      auth: options.auth,
      connectionTimeout: 5_000,
      socketTimeout: 10_000,
    });
    return transport.sendMail({
      envelope: { from: 'customer@example.test', to },
      raw: options.raw ?? RAW,
    });
  }

  it('records for an accepted address, then answers 250, then processes', async () => {
    const port = await start();
    let committedBeforeReply = false;
    ingest.afterRecord = async () => {
      await new Promise(resolve => setTimeout(resolve, 300));
      committedBeforeReply = true;
    };
    const info = await send(port, ['Support@example.test']);
    expect(committedBeforeReply).toBe(true);
    expect(info.response).toMatch(/^250 .*recorded as msg-1/);
    const [record] = ingest.records.values();
    expect(record.source).toEqual({
      serverId: helpdesk,
      sourceId: expect.stringMatching(/^push:[0-9a-f]{64}$/),
    });
    // As a final delivery agent: the envelope sender, then the client for SPF.
    expect(record.raw.toString()).toMatch(
      /^Return-Path: <customer@example\.test>\r\nReceived: from \S+ \(\[127\.0\.0\.1\]\)\r\n\tby \S+ with E?SMTP id \w+;\r\n\t\w{3}, \d\d \w{3} \d{4} [\d:]{8} \+0000\r\nFrom: /,
    );
    await eventually(
      () => ingest.calls,
      calls => calls.includes('process:msg-1'),
    );
    // The push mailbox shows as receiving on its card.
    expect((await stores.health.get('incoming', helpdesk)).status).toBe(
      'reachable',
    );
  });

  it('hands processing the bytes it recorded, so they are not read back', async () => {
    const port = await start();
    const process = jest.spyOn(ingest, 'process');
    await send(port, ['help@example.test']);
    await eventually(
      () => ingest.calls,
      calls => calls.includes('process:msg-1'),
    );
    const [record] = ingest.records.values();
    const [id, options] = process.mock.calls[0] as unknown as [
      string,
      { raw?: Buffer } | undefined,
    ];
    expect(id).toBe('msg-1');
    expect(options?.raw?.equals(record.raw)).toBe(true);
  });

  it('takes mail from swaks, as the local portal README promises', async () => {
    const port = await start();
    const { stdout } = await promisify(execFile)(
      'swaks',
      [
        '--server',
        `127.0.0.1:${port}`,
        '--to',
        'help@example.test',
        '--from',
        'someone@example.test',
        '--timeout',
        '10',
      ],
      { timeout: 20_000 },
    );
    expect(stdout).toMatch(/<- +250 2\.0\.0 OK: recorded as msg-1/);
    expect(ingest.records.size).toBe(1);
  });

  it('refuses an address no enabled smtp-push server has with 550, naming it', async () => {
    const port = await start();
    for (const address of [
      'nobody@example.test',
      'old@example.test',
      'imap@example.test',
    ]) {
      const error = await send(port, [address]).catch(e => e);
      expect(error.responseCode).toBe(550);
      expect(error.response).toContain(`<${address}>`);
    }
    expect(ingest.records.size).toBe(0);
  });

  it('refuses a message above the size limit with 552', async () => {
    const port = await start({ maxMessageBytes: 2_000 });
    const big = `${RAW}${'x'.repeat(5_000)}\r\n`;
    const error = await send(port, ['help@example.test'], { raw: big }).catch(
      e => e,
    );
    expect(error.responseCode).toBe(552);
    expect(ingest.records.size).toBe(0);
  });

  it('answers 451 when recording fails, and the retry records the message once', async () => {
    const port = await start();
    ingest.recordError = new Error('database unavailable');
    const error = await send(port, ['help@example.test']).catch(e => e);
    expect(error.responseCode).toBe(451);
    expect(ingest.records.size).toBe(0);

    ingest.recordError = undefined;
    await send(port, ['help@example.test']);
    await send(port, ['help@example.test']); // the sender retries once more after a lost 250
    expect(ingest.records.size).toBe(1);
    await eventually(
      () => ingest.byId('msg-1').processed,
      n => n >= 1,
    );
  });

  it('records once per incoming server when a message goes to several', async () => {
    const port = await start();
    await send(port, [
      'help@example.test',
      'support@example.test',
      'sales@example.test',
    ]);
    expect(
      [...ingest.records.values()].map(r => r.source.serverId).sort(),
    ).toEqual([helpdesk, sales].sort());
  });

  it('requires AUTH when configured', async () => {
    const port = await start({
      auth: { username: 'relay', password: 's3cret' },
    });
    const without = await send(port, ['help@example.test']).catch(e => e);
    expect(without.responseCode).toBe(530);
    const wrong = await send(port, ['help@example.test'], {
      auth: { user: 'relay', pass: 'nope' },
    }).catch(e => e);
    expect(wrong.responseCode).toBe(535);
    expect(ingest.records.size).toBe(0);
    const info = await send(port, ['help@example.test'], {
      auth: { user: 'relay', pass: 's3cret' },
    });
    expect(info.response).toMatch(/^250 /);
  });

  it('refuses a connection from an address outside allowedSources with 554', async () => {
    const port = await start({ allowedSources: ['10.0.0.0/8'] });
    expect(await greeting(port)).toMatch(/^554 /);
    expect(ingest.records.size).toBe(0);
  });

  it('answers each recipient on its own over LMTP', async () => {
    const port = await start({ lmtp: true });
    ingest.afterRecord = record => {
      if (record.source.serverId === sales)
        throw new Error('sales database down');
    };
    const results = await deliverLmtp({
      host: '127.0.0.1',
      port,
      from: 'customer@example.test',
      to: ['help@example.test', 'sales@example.test', 'nobody@example.test'],
      raw: RAW,
    });
    expect(results.map(r => [r.recipient, r.reply.slice(0, 3)])).toEqual([
      ['nobody@example.test', '550'],
      ['help@example.test', '250'],
      ['sales@example.test', '451'],
    ]);
  });
});
