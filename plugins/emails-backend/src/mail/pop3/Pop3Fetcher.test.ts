// POP3 fetching through the real mailbox runner and pipeline, against the
// test bed's Dovecot POP3 (SSL and STLS, USER/PASS and SASL XOAUTH2).
import { TestDatabases } from '@backstage/backend-test-utils';
import { startTestBed, TestBed } from '@internal/emails-test-bed';
import { emailsTestDatabaseIds } from '../../__testUtils__/testDatabases';
import { Stores } from '../../database';
import { folderState } from '../../fetching/__testUtils__/mailboxFixture';
import { pop3FetcherFactory } from '../../fetching/mailboxSettings';
import { MailboxRunner } from '../../fetching/MailboxRunner';
import { startDesk } from '../../fetching/__testUtils__/desk';

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
    return startDesk(await databases.init(databaseId), {
      breakMarkOnce: options.breakMarkOnce,
      secrets: record => ({ password: bed.passwordOf(record.email) }),
      fetchers: stores =>
        pop3FetcherFactory({
          ca: [bed.caPem],
          uids: stores.messageNumbers,
          oauthToken: options.token && (async () => options.token!()),
        }),
    });
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
