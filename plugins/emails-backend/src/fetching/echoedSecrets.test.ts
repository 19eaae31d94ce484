import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { randomBytes } from 'node:crypto';
import { createStores, MailServerRecord, Stores } from '../database';
import {
  ImapEchoOptions,
  startImapEchoPeer,
  startPop3EchoPeer,
} from '../mail/__testUtils__/echoPeers';
import { ScriptedServer } from '../mail/__testUtils__/scriptedServer';
import { expectNoSecret } from '../mail/__testUtils__/secretLeaks';
import { MailFetcher, MailFetchError } from '../mail/MailFetcher';
import { FakeIngest } from './__testUtils__/FakeIngest';
import { FetcherFactory, mailFetcherFactory } from './mailboxSettings';
import { MailboxRunner } from './MailboxRunner';

jest.setTimeout(60_000);

const USER = 'support@localhost';
// Longer than the 160 characters a reply is cut to.
const PASSWORD = `Long-${randomBytes(120).toString('hex')}`;
const TOKEN = `ya29.${randomBytes(40).toString('base64url')}`;
const CLIENT_SECRET = `client-${randomBytes(12).toString('hex')}`;

describe('fetching from a server that echoes the credentials', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let stores: Stores;
  let peer: ScriptedServer | undefined;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    stores = await createStores({ getClient: async () => knex });
  });
  afterEach(async () => {
    await peer?.close();
    peer = undefined;
  });

  async function addServer(
    protocol: 'imap' | 'pop3',
    port: number,
    settings: Record<string, unknown> = {},
  ): Promise<MailServerRecord> {
    return stores.incomingServers.create({
      name: `echo ${protocol} ${port}`,
      email: USER,
      protocol,
      enabled: true,
      primary: false,
      settings: {
        host: '127.0.0.1',
        port,
        security: 'none',
        authType: 'basic',
        username: USER,
        ...settings,
      },
    });
  }

  function runner(options: {
    createFetcher?: FetcherFactory;
    idleHoldMs?: number;
  }) {
    const logger = mockServices.logger.mock();
    const mailboxRunner = new MailboxRunner({
      servers: {
        async withSecrets(id: string) {
          const record = await stores.incomingServers.get(id);
          return {
            record,
            secrets: { password: PASSWORD, clientSecret: CLIENT_SECRET },
          };
        },
      },
      stores,
      ingest: new FakeIngest(),
      logger,
      createFetcher:
        options.createFetcher ??
        mailFetcherFactory({
          uids: stores.messageNumbers,
          oauthToken: async () => TOKEN,
        }),
      idleHoldMs: options.idleHoldMs ?? 1_000,
      backoff: { initialMs: 50, maxMs: 200 },
    });
    const logged = () =>
      JSON.stringify(
        [logger.debug, logger.info, logger.warn, logger.error].map(
          fn => fn.mock.calls,
        ),
      );
    return { mailboxRunner, logged };
  }

  async function fetchOnce(
    record: MailServerRecord,
    options: Parameters<typeof runner>[0] = {},
  ) {
    const { mailboxRunner, logged } = runner(options);
    const result = await mailboxRunner.run(
      record.id,
      new AbortController().signal,
    );
    const health = await stores.health.get('incoming', record.id);
    return { result, health, said: `${health.lastError}\n${logged()}` };
  }

  it.each<[string, ImapEchoOptions, Record<string, unknown>, string]>([
    ['LOGIN', {}, {}, PASSWORD],
    ['AUTHENTICATE PLAIN', { mechanisms: ['PLAIN'] }, {}, PASSWORD],
    [
      'AUTHENTICATE XOAUTH2',
      { mechanisms: ['XOAUTH2'] },
      { authType: 'oauth' },
      TOKEN,
    ],
  ])(
    'keeps an IMAP %s refusal out of health and the log, saying what failed',
    async (command, peerOptions, settings, secret) => {
      peer = await startImapEchoPeer(peerOptions);
      const record = await addServer('imap', peer.port, settings);
      const { result, health, said } = await fetchOnce(record);
      expect(peer.received.join('\n')).toContain(command);
      expect(result).toBe('failed');
      expect(health.status).toBe(
        settings.authType ? 'auth-expired' : 'unreachable',
      );
      // In Test Connection's words: the stage, what failed, what to check.
      expect(health.lastError).toMatch(
        /^auth: The (username or password|OAuth access token) was not accepted: Sign-in refused: .*Authentication failed: bad password \*\*\*.*\. (Check the|The token)/,
      );
      expect(said).toContain(`Incoming server ${record.name}: Sign-in refused`);
      expectNoSecret(said, secret, USER);
    },
  );

  it('keeps a POP3 refusal out of health and the log, masked before the cut', async () => {
    peer = await startPop3EchoPeer();
    const record = await addServer('pop3', peer.port);
    const { result, health, said } = await fetchOnce(record);
    expect(result).toBe('failed');
    expect(health.lastError).toContain(`-ERR [AUTH] ${USER} *** rejected`);
    expectNoSecret(said, PASSWORD, USER);
  });

  it('keeps an echo out when real-time scanning reconnects after IDLE', async () => {
    peer = await startImapEchoPeer({
      acceptedConnections: 1,
      byeDuringIdle: () => `session of ${USER} ${PASSWORD} ended`,
    });
    const record = await addServer('imap', peer.port, { realTime: true });
    const { result, health, said } = await fetchOnce(record, {
      idleHoldMs: 5_000,
    });
    const received = peer.received.join('\n');
    // Signed in, held IDLE, was thrown out, and the sign-in was refused after.
    expect(received).toMatch(/IDLE[\s\S]*LOGIN/);
    expect(result).toBe('failed');
    expect(health.lastError).toMatch(
      /^auth: The username or password was not accepted: Sign-in refused: .*bad password \*\*\*/,
    );
    expectNoSecret(said, PASSWORD, USER);
  });

  it('masks the server secrets even when a driver did not', async () => {
    peer = await startPop3EchoPeer();
    const record = await addServer('pop3', peer.port);
    const careless = (): MailFetcher =>
      ({
        connect: async () => {
          throw new MailFetchError(
            'auth',
            `refused ${USER}:${PASSWORD} with client secret ${CLIENT_SECRET}`,
          );
        },
        close: async () => undefined,
      } as unknown as MailFetcher);
    const { health, said } = await fetchOnce(record, {
      createFetcher: careless,
    });
    expect(health.lastError).toMatch(
      /^auth: The username or password was not accepted: refused \*\*\* with client secret \*\*\*\. Check /,
    );
    expectNoSecret(said, PASSWORD, USER);
    expectNoSecret(said, CLIENT_SECRET);
  });
});
