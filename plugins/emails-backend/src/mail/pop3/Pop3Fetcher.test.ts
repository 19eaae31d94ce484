// POP3 fetching through the real mailbox runner and pipeline, against the
// test bed's Dovecot POP3 (SSL and STLS, USER/PASS and SASL XOAUTH2).
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_EMAIL_PREFERENCES } from '@internal/plugin-emails-common';
import { startTestBed, TestBed } from '@internal/emails-test-bed';
import { emailsTestDatabaseIds } from '../../__testUtils__/testDatabases';
import { createStores, Stores } from '../../database';
import { folderState } from '../../fetching/__testUtils__/mailboxFixture';
import { pop3FetcherFactory } from '../../fetching/mailboxSettings';
import { MailboxRunner } from '../../fetching/MailboxRunner';
import { testReplyDeps } from '../../ingest/__testUtils__/pipeline';
import { IngestService } from '../../ingest/IngestService';
import { DatabaseTicketing } from '../../ticketing/DatabaseTicketing';
import { MailFetcher, MailFetchError } from '../MailFetcher';

jest.setTimeout(120_000);

const USERS = [
  { user: 'keep@localhost', password: 'keep-password' },
  { user: 'drop@localhost', password: 'drop-password' },
  { user: 'token@localhost', password: 'token-password' },
];

const mail = (to: string, subject: string) =>
  `From: Rita <rita@example.com>\r\nTo: ${to}\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(
    /\W/g,
    '',
  )}@example.com>\r\n\r\nBody of ${subject}.\r\n`;

describe('POP3 fetching', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });
  let bed: TestBed;
  beforeAll(async () => {
    bed = await startTestBed({ users: USERS });
  });
  afterAll(() => bed?.stop());

  async function desk(
    databaseId: Parameters<typeof databases.init>[0],
    options: { breakMarkOnce?: boolean; token?: () => Promise<string> } = {},
  ) {
    const stores: Stores = await createStores({
      getClient: async () => databases.init(databaseId),
    });
    const ingest = new IngestService({
      stores,
      ticketing: () =>
        new DatabaseTicketing(stores.tickets, stores.attachments),
      processors: [],
      preferences: async () => DEFAULT_EMAIL_PREFERENCES,
      findUser: async () => undefined,
      logger: mockServices.logger.mock(),
      ...testReplyDeps(),
    });
    const factory = pop3FetcherFactory({
      ca: [bed.caPem],
      uids: stores.messageNumbers,
      oauthToken: options.token && (async () => options.token!()),
    });
    let broken = !options.breakMarkOnce;
    const runner = new MailboxRunner({
      servers: {
        async withSecrets(id: string) {
          const record = await stores.incomingServers.get(id);
          return {
            record,
            secrets: { password: bed.passwordOf(record.email) },
          };
        },
      },
      stores,
      ingest,
      logger: mockServices.logger.mock(),
      createFetcher: (record, secrets) => {
        const fetcher: MailFetcher = factory(record, secrets);
        const mark = fetcher.mark.bind(fetcher);
        // A crash between record and delete: the first delete never happens.
        fetcher.mark = async (ref, how) => {
          if (!broken) {
            broken = true;
            throw new MailFetchError('connection', 'connection lost');
          }
          return mark(ref, how);
        };
        return fetcher;
      },
      idleHoldMs: 5_000,
      backoff: { initialMs: 50, maxMs: 200 },
    });
    return { stores, runner };
  }

  async function addPop3(
    stores: Stores,
    user: string,
    settings: Record<string, unknown>,
  ) {
    return stores.incomingServers.create({
      name: `pop3 ${user}`,
      email: user,
      protocol: 'pop3',
      enabled: true,
      primary: false,
      settings: { host: bed.host, username: user, ...settings },
    });
  }

  const run = (runner: MailboxRunner, id: string) =>
    runner.run(id, new AbortController().signal);

  it.each(databases.eachSupportedId())(
    'keeps mail on the server over SSL: only new mail, each once, on %p',
    async databaseId => {
      const user = 'keep@localhost';
      const { stores, runner } = await desk(databaseId);
      await bed.deliver(user, mail(user, `Before ${databaseId}`));
      const server = await addPop3(stores, user, {
        port: bed.ports.pop3s,
        security: 'ssl',
        authType: 'basic',
      });
      expect(await run(runner, server.id)).toBe('done');
      await bed.deliver(user, mail(user, `New one ${databaseId}`));
      await bed.deliver(user, mail(user, `New two ${databaseId}`));
      expect(await run(runner, server.id)).toBe('done');
      expect(await run(runner, server.id)).toBe('done');
      const records = await stores.inboundMessages.list({
        serverId: server.id,
      });
      expect(records.items.map(m => m.subject).sort()).toEqual([
        `New one ${databaseId}`,
        `New two ${databaseId}`,
      ]);
      expect(records.items.every(m => m.status === 'ticketed')).toBe(true);
      // Kept on the server: POP3 leaves the maildrop as it was.
      const left = await folderState(bed, user, 'INBOX');
      expect(left?.map(m => m.subject)).toEqual(
        expect.arrayContaining([
          `New one ${databaseId}`,
          `New two ${databaseId}`,
        ]),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes after fetch over STLS only once the record is committed, after a crash too, on %p',
    async databaseId => {
      const user = 'drop@localhost';
      const { stores, runner } = await desk(databaseId, {
        breakMarkOnce: true,
      });
      await bed.deliver(user, mail(user, `Import me ${databaseId}`));
      const server = await addPop3(stores, user, {
        port: bed.ports.pop3,
        security: 'starttls',
        authType: 'basic',
        deleteAfterFetch: true,
        importSince: '2000-01-01T00:00:00.000Z',
      });
      // The first run loses its connection before the delete: the mail stays.
      expect(await run(runner, server.id)).not.toBe('done');
      expect((await folderState(bed, user, 'INBOX'))?.length).toBe(1);
      expect(await run(runner, server.id)).toBe('done');
      expect(await folderState(bed, user, 'INBOX')).toEqual([]);
      const records = await stores.inboundMessages.list({
        serverId: server.id,
      });
      expect(records.items).toHaveLength(1);
      expect(records.items[0]).toMatchObject({ status: 'ticketed' });
    },
  );

  it.each(databases.eachSupportedId())(
    'signs in with SASL XOAUTH2 and a fresh token per connection on %p',
    async databaseId => {
      const user = 'token@localhost';
      let asked = 0;
      const { stores, runner } = await desk(databaseId, {
        token: async () => {
          asked += 1;
          return bed.issueAccessToken(user);
        },
      });
      await bed.deliver(user, mail(user, `Token ${databaseId}`));
      const server = await addPop3(stores, user, {
        port: bed.ports.pop3s,
        security: 'ssl',
        authType: 'oauth',
        deleteAfterFetch: true,
        importSince: '2000-01-01T00:00:00.000Z',
      });
      expect(await run(runner, server.id)).toBe('done');
      expect(await run(runner, server.id)).toBe('done');
      expect(asked).toBe(2);
      const records = await stores.inboundMessages.list({
        serverId: server.id,
      });
      expect(records.items.map(m => m.subject)).toEqual([
        `Token ${databaseId}`,
      ]);
    },
  );
});
