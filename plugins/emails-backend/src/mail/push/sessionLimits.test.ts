import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import net from 'node:net';
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
  'Subject: Printer jam',
  'Message-ID: <limits-1@example.test>',
  '',
  'Paper everywhere.',
  '',
].join('\r\n');

/** A raw SMTP client over loopback: writes command lines, waits for reply lines. */
class LineClient {
  readonly lines: string[] = [];
  readonly closed: Promise<void>;
  private buffer = '';
  private wake = () => {};

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      const parts = this.buffer.split('\r\n');
      this.buffer = parts.pop() ?? '';
      this.lines.push(...parts);
      this.wake();
    });
    socket.on('error', () => {}); // a refused session may reset
    this.closed = new Promise(resolve => socket.once('close', () => resolve()));
  }

  static connect(port: number): LineClient {
    return new LineClient(net.connect(port, '127.0.0.1'));
  }

  send(line: string) {
    this.socket.write(`${line}\r\n`);
  }

  /** The first line from `from` on matching `pattern`. */
  async reply(pattern: RegExp, from = 0, timeoutMs = 10_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.slice(from).find(l => pattern.test(l));
      if (line) return line;
      if (Date.now() > until)
        throw new Error(`no ${pattern} in ${JSON.stringify(this.lines)}`);
      await new Promise<void>(resolve => {
        this.wake = resolve;
        setTimeout(resolve, 200);
      });
    }
  }

  end() {
    this.socket.destroy();
  }
}

describe('SmtpPushListener session limits', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let stores: Stores;
  let listener: SmtpPushListener | undefined;
  let ingest: FakeIngest;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  const clients: LineClient[] = [];

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    stores = await createStores({ getClient: async () => knex });
    await stores.incomingServers.create({
      name: 'Helpdesk',
      email: 'help@example.test',
      protocol: 'smtp-push',
      enabled: true,
      primary: false,
      settings: {},
    });
  });
  beforeEach(() => {
    ingest = new FakeIngest();
    logger = mockServices.logger.mock();
  });
  afterEach(async () => {
    clients.splice(0).forEach(c => c.end());
    await listener?.stop();
    listener = undefined;
  });

  async function start(limits: Partial<SmtpPushConfig>) {
    listener = await startSmtpPushListener({
      config: {
        enabled: true,
        host: '127.0.0.1',
        port: 0,
        lmtp: false,
        maxMessageBytes: 64 * 1024,
        allowedSources: ['127.0.0.0/8', '::1'],
        maxClients: 50,
        maxSessionMs: 600_000,
        maxCommandsPerSession: 1000,
        ...limits,
      },
      ingest,
      logger,
      stores,
    });
    return listener.port;
  }

  function connect(port: number) {
    const client = LineClient.connect(port);
    clients.push(client);
    return client;
  }

  function send(port: number) {
    return nodemailer
      .createTransport({
        host: '127.0.0.1',
        port,
        secure: false,
        ignoreTLS: true,
        connectionTimeout: 5_000,
        socketTimeout: 20_000,
      })
      .sendMail({
        envelope: { from: 'customer@example.test', to: ['help@example.test'] },
        raw: RAW,
      });
  }

  it('refuses one session too many with 421 naming maxClients, and admits again when one ends', async () => {
    const port = await start({ maxClients: 2 });
    const first = connect(port);
    const second = connect(port);
    await first.reply(/^220 /);
    await second.reply(/^220 /);

    const third = connect(port);
    expect(await third.reply(/^\d{3} /)).toBe(
      '421 4.7.0 Too many sessions at once (emails.smtpPush.maxClients is 2); try again later',
    );
    await third.closed;

    first.send('QUIT');
    await first.closed;
    // The freed place is given back when the server has seen the close.
    const greeting = await eventually(
      async () => {
        const next = connect(port);
        const line = await next.reply(/^\d{3} /);
        next.end();
        return line;
      },
      line => line.startsWith('220 '),
    );
    expect(greeting).toMatch(/^220 /);
  });

  it('closes a session at its time limit with 421 naming maxSessionSeconds', async () => {
    const port = await start({ maxSessionMs: 1_000 });
    const client = connect(port);
    await client.reply(/^220 /);
    client.send('EHLO client.example.test');
    await client.reply(/^250 /);
    // The client stays quiet; the wall clock ends the session, not idleness.
    expect(await client.reply(/^421 /)).toBe(
      '421 4.7.0 Session time limit reached (emails.smtpPush.maxSessionSeconds is 1); reconnect to continue',
    );
    await client.closed;
  });

  it('answers a message being recorded before the time limit closes its session', async () => {
    // Long enough for a loopback client to reach DATA on a loaded machine.
    const port = await start({ maxSessionMs: 2_000 });
    ingest.afterRecord = () =>
      // Still recording when the session's time is up.
      eventually(
        () => logger.debug.mock.calls.map(([message]) => String(message)),
        messages => messages.some(m => m.includes('reached its time limit')),
      ).then(() => undefined);
    const info = await send(port);
    expect(info.response).toMatch(/^250 .*recorded as msg-1/);
    expect(ingest.records.size).toBe(1);
  });

  it('answers the command past maxCommandsPerSession with 421 instead of running it', async () => {
    const port = await start({ maxCommandsPerSession: 3 });
    const client = connect(port);
    await client.reply(/^220 /);
    client.send('EHLO client.example.test');
    await client.reply(/^250 /);
    client.send('NOOP');
    client.send('NOOP');
    const from = client.lines.length;
    await client.reply(/^250 /, from);
    await eventually(
      () => client.lines.slice(from).filter(l => l.startsWith('250 ')).length,
      n => n === 2,
    );
    client.send('MAIL FROM:<customer@example.test>');
    expect(await client.reply(/^\d{3} /, client.lines.length)).toBe(
      '421 4.7.0 Too many commands in one session (emails.smtpPush.maxCommandsPerSession is 3); reconnect to continue',
    );
    await client.closed;
  });

  it('stops a real client whose message needs more commands than allowed, recording nothing', async () => {
    const port = await start({ maxCommandsPerSession: 3 });
    // EHLO, MAIL FROM, RCPT TO, then DATA is the fourth.
    const error = await send(port).catch(e => e);
    expect(error.responseCode).toBe(421);
    expect(error.response).toContain('emails.smtpPush.maxCommandsPerSession');
    expect(ingest.records.size).toBe(0);
  });
});
