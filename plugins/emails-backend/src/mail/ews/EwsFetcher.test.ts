// Exchange Web Services fetching through ews-javascript-api, the real mailbox
// runner and pipeline, against the test bed's local HTTPS stand-in for EWS
// (documented SOAP shapes of SyncFolderItems, GetItem, MoveItem, folders and
// pull notifications; not Microsoft's server). Accounts sign in with Basic,
// NTLM (v2, checked against the password) or the bed OAuth server's tokens.
import { TestDatabases } from '@backstage/backend-test-utils';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import {
  EwsPeer,
  startBedEwsPeer,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { emailsTestDatabaseIds } from '../../__testUtils__/testDatabases';
import { Stores } from '../../database';
import { ewsFetcherFactory } from '../../fetching/mailboxSettings';
import { MailboxRunner } from '../../fetching/MailboxRunner';
import { startDesk } from '../../fetching/__testUtils__/desk';
import { MailFetchError } from '../MailFetcher';
import { EwsFetcher } from './EwsFetcher';
import { EwsSession, EwsTarget } from './ewsSession';

jest.setTimeout(120_000);

const ACCOUNT = 'support@localhost';
const PASSWORD = 'support-password';

const mail = (to: string, subject: string, body = `Body of ${subject}.`) =>
  Buffer.from(
    `From: Rita <rita@example.com>\r\nTo: ${to}\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(
      /\W/g,
      '',
    )}@example.com>\r\n\r\n${body}\r\n`,
  );

/** An in-memory MessageNumberStore for fetcher-level cases. */
function memoryNumbers() {
  const keys = new Map<string, number>();
  const links = new Map<string, string>();
  let next = 1;
  const number = (key: string) => {
    if (!keys.has(key)) keys.set(key, next++);
    return keys.get(key)!;
  };
  return {
    links,
    async assign(_s: string, added: readonly string[]) {
      for (const k of [...keys.keys()]) if (!added.includes(k)) keys.delete(k);
      added.forEach(number);
      return new Map(keys);
    },
    async change(
      _s: string,
      added: readonly string[],
      removed: readonly string[],
    ) {
      removed.forEach(k => keys.delete(k));
      added.forEach(number);
      return new Map(keys);
    },
    async deltaLink(_s: string, folder: string) {
      return links.get(folder);
    },
    async setDeltaLink(_s: string, folder: string, link: string) {
      links.set(folder, link);
    },
  };
}

describe('EWS fetching', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });
  let bed: TestBed;
  let ews: EwsPeer;

  beforeAll(async () => {
    bed = await startTestBed();
    ews = await startBedEwsPeer(bed);
  });
  afterAll(async () => {
    await ews?.stop();
    await bed?.stop();
  });

  const target = (over: Partial<EwsTarget> = {}): EwsTarget => ({
    url: ews.url,
    mailbox: ACCOUNT,
    auth: { type: 'ntlm', username: ACCOUNT, password: PASSWORD },
    impersonate: false,
    ca: [bed.caPem],
    ...over,
  });

  const fetcherFor = (over: Partial<EwsTarget> = {}, more: object = {}) => {
    const waits: number[] = [];
    const fetcher = new EwsFetcher({
      serverId: 's1',
      session: new EwsSession(target(over), async ms => {
        waits.push(ms);
      }),
      numbers: memoryNumbers(),
      pollMs: 100,
      ...more,
    });
    return { fetcher, waits };
  };

  async function desk(databaseId: any) {
    return startDesk(await databases.init(databaseId), {
      secrets: () => ({ password: PASSWORD }),
      fetchers: stores =>
        ewsFetcherFactory({
          numbers: stores.messageNumbers,
          ca: [bed.caPem],
          oauthToken: async () => bed.issueAccessToken(ACCOUNT),
        }),
    });
  }

  const addEws = (stores: Stores, mailbox: string, settings: object = {}) =>
    stores.incomingServers.create({
      name: `ews ${mailbox}`,
      email: mailbox,
      protocol: 'ews',
      enabled: true,
      primary: false,
      settings: {
        ewsUrl: ews.url,
        authType: 'ntlm',
        username: ACCOUNT,
        folders: { inbox: 'INBOX', success: 'Processed' },
        ...settings,
      },
    });

  const run = (runner: MailboxRunner, id: string) =>
    runner.run(id, new AbortController().signal);

  const subjects = async (stores: Stores, serverId: string) =>
    (await stores.inboundMessages.list({ serverId })).items
      .map(m => `${m.subject}:${m.status}`)
      .sort();

  it.each(databases.eachSupportedId())(
    'fetches only new mail by SyncFolderItems, each once, files it, and survives an invalid sync state, on %p',
    async databaseId => {
      // The account's own mailbox, so no delegate grant is needed.
      const { stores, runner } = await desk(databaseId);
      const inbox = () => ews.mailbox(ACCOUNT).messages('Inbox');
      const before = inbox().length;
      ews.mailbox(ACCOUNT).deliver(mail(ACCOUNT, `Before ${databaseId}`));
      const server = await addEws(stores, ACCOUNT);
      expect(await run(runner, server.id)).toBe('done');
      for (const n of [1, 2]) {
        ews.mailbox(ACCOUNT).deliver(mail(ACCOUNT, `New ${n} ${databaseId}`));
      }
      expect(await run(runner, server.id)).toBe('done');
      expect(await run(runner, server.id)).toBe('done');
      expect(await subjects(stores, server.id)).toEqual([
        `New 1 ${databaseId}:ticketed`,
        `New 2 ${databaseId}:ticketed`,
      ]);
      // Filed into the success folder (created on first use); "Before" stays.
      expect(inbox()).toHaveLength(before + 1);
      const processed = ews.mailbox(ACCOUNT).messages('Processed');
      expect(
        processed.filter(m => m.raw.toString().includes(databaseId)),
      ).toHaveLength(2);

      // An invalid sync state starts a full listing: nothing comes twice.
      ews.expireSyncStates();
      ews.mailbox(ACCOUNT).deliver(mail(ACCOUNT, `After ${databaseId}`));
      expect(await run(runner, server.id)).toBe('done');
      expect(await subjects(stores, server.id)).toEqual([
        `After ${databaseId}:ticketed`,
        `New 1 ${databaseId}:ticketed`,
        `New 2 ${databaseId}:ticketed`,
      ]);
      expect(ews.requests).toContain('SyncFolderItems NTLM');
      // Every NTLM sign-in was verified on the connection that got its challenge.
      expect(ews.ntlmHandshakes.length).toBeGreaterThan(0);
      expect(new Set(ews.ntlmHandshakes)).toEqual(new Set(['same-connection']));
    },
  );

  it('reads a shared mailbox with impersonation, and says so when it is refused', async () => {
    const shared = 'helpdesk-imp@localhost';
    ews.mailbox(shared).deliver(mail(shared, 'Shared one'));
    const refused = fetcherFor({ mailbox: shared, impersonate: true }).fetcher;
    const error = await refused.connect().catch(e => e);
    expect(error).toBeInstanceOf(MailFetchError);
    expect(error).toMatchObject({ kind: 'auth' });
    expect(error.message).toMatch(/ErrorImpersonateUserDenied/);

    ews.grantImpersonation(ACCOUNT);
    const { fetcher } = fetcherFor({ mailbox: shared, impersonate: true });
    await fetcher.connect();
    const folder = await fetcher.open('INBOX');
    const [ref] = await fetcher.listNew('INBOX', { afterUid: 0 });
    expect(folder.count).toBe(1);
    const raw = await fetcher.fetchRaw(ref);
    expect(raw!.raw.equals(mail(shared, 'Shared one'))).toBe(true);
    await fetcher.mark(ref, { type: 'seen' });
    expect(ews.mailbox(shared).messages('Inbox')[0].isRead).toBe(true);
    expect(
      ews.requestLog.some(
        r => r.operation === 'UpdateItem' && r.impersonated === shared,
      ),
    ).toBe(true);
  });

  it('opens a delegated mailbox by address only with delegate access', async () => {
    const shared = 'helpdesk-del@localhost';
    ews.mailbox(shared).deliver(mail(shared, 'Delegated'));
    const denied = await fetcherFor({ mailbox: shared })
      .fetcher.connect()
      .catch(e => e);
    expect(denied).toMatchObject({ kind: 'auth' });
    expect(denied.message).toMatch(/ErrorAccessDenied/);
    ews.grantDelegate(shared, ACCOUNT);
    const { fetcher } = fetcherFor({ mailbox: shared });
    await fetcher.connect();
    expect((await fetcher.open('INBOX')).count).toBe(1);
  });

  it('refuses a wrong NTLM or Basic password as an auth failure', async () => {
    for (const type of ['ntlm', 'basic'] as const) {
      const { fetcher } = fetcherFor({
        auth: { type, username: ACCOUNT, password: 'wrong' },
      });
      const error = await fetcher.connect().catch(e => e);
      expect(error).toMatchObject({ kind: 'auth' });
      expect(error.message).toMatch(/401/);
      // The password never shows in what health keeps.
      expect(error.message).not.toContain('wrong');
    }
  });

  it('signs in with an OAuth token, renewing a refused one once', async () => {
    const user = 'alice@localhost';
    ews.mailbox(user).deliver(mail(user, 'By token'));
    const tokens: string[] = [];
    const { fetcher } = fetcherFor({
      mailbox: user,
      auth: {
        type: 'oauth',
        token: async () => {
          const token =
            tokens.length === 0 ? 'stale' : await bed.issueAccessToken(user);
          tokens.push(token);
          return token;
        },
      },
    });
    await fetcher.connect();
    expect(tokens).toHaveLength(2);
    expect((await fetcher.open('INBOX')).count).toBe(1);
    expect(ews.requests).toContain('GetFolder Bearer');
  });

  it('waits out ErrorServerBusy for the back-off Exchange asks, and gives up after three', async () => {
    const user = 'busy@localhost';
    ews.grantDelegate(user, ACCOUNT);
    ews.mailbox(user).deliver(mail(user, 'Busy'));
    const { fetcher, waits } = fetcherFor({ mailbox: user });
    ews.busy(2, 1234);
    await fetcher.connect();
    expect(waits).toEqual([1234, 1234]);
    ews.busy(4, 50);
    const error = await fetcher.open('INBOX').catch(e => e);
    expect(error).toMatchObject({ kind: 'connection' });
    expect(error.message).toMatch(/ErrorServerBusy/);
    ews.busy(0, 0);
  });

  it('answers undefined for an item moved away meanwhile, and a header block above the size limit', async () => {
    const user = 'gone@localhost';
    ews.grantDelegate(user, ACCOUNT);
    const big = mail(user, 'Big', 'x'.repeat(5000));
    ews.mailbox(user).deliver(mail(user, 'Gone'));
    ews.mailbox(user).deliver(big);
    const { fetcher } = fetcherFor(
      { mailbox: user },
      { maxMessageBytes: 1000 },
    );
    await fetcher.open('INBOX');
    const [first, second] = await fetcher.listNew('INBOX', { afterUid: 0 });
    const box = ews.mailbox(user);
    const archive = box.createFolder(
      'Archive',
      box.folderNamed('Inbox')!.parentId!,
    );
    box.move(box.messages('Inbox')[0].id, archive.id);
    expect(await fetcher.fetchRaw(first)).toBeUndefined();
    const headers = await fetcher.fetchRaw(second);
    expect(headers).toMatchObject({ headersOnly: true, size: big.length });
    expect(headers!.raw.toString()).toMatch(/Subject: Big\r\n/);
    expect(headers!.raw.toString()).not.toContain('xxxx');
  });

  it('hears about new mail through a pull subscription, and times out without', async () => {
    const user = 'live@localhost';
    ews.grantDelegate(user, ACCOUNT);
    const { fetcher } = fetcherFor({ mailbox: user });
    await fetcher.open('INBOX');
    const quiet = await fetcher.waitForNewMail('INBOX', {
      signal: new AbortController().signal,
      maxWaitMs: 400,
    });
    expect(quiet).toBe('timeout');
    setTimeout(() => ews.mailbox(user).deliver(mail(user, 'Live')), 200);
    const heard = await fetcher.waitForNewMail('INBOX', {
      signal: new AbortController().signal,
      maxWaitMs: 10_000,
    });
    expect(heard).toBe('new-mail');
    const operations = ews.requests.map(r => r.split(' ')[0]);
    expect(operations).toContain('Subscribe');
    expect(operations).toContain('GetEvents');
    expect(operations).toContain('Unsubscribe');
  });

  it('reports an HTML error page and a server that never answers as connection failures, without hanging', async () => {
    // What a reverse proxy in front of Exchange may do: 500 with an HTML page, or nothing.
    let silent = false;
    const proxy = https.createServer(
      { cert: bed.certificates.certPem, key: bed.certificates.keyPem },
      (req, res) => {
        req.resume();
        if (silent) return;
        res.writeHead(500, { 'Content-Type': 'text/html' });
        res.end('<html><body>Service Unavailable</body></html>');
      },
    );
    await new Promise<void>(r => proxy.listen(0, '127.0.0.1', r));
    const url = `https://127.0.0.1:${
      (proxy.address() as AddressInfo).port
    }/EWS/Exchange.asmx`;
    try {
      const page = await fetcherFor({
        url,
        auth: { type: 'basic', username: ACCOUNT, password: PASSWORD },
      })
        .fetcher.connect()
        .catch(e => e);
      expect(page).toMatchObject({ kind: 'connection' });
      expect(page.message).toMatch(/HTTP 502.*without a SOAP answer/);
      silent = true;
      const quiet = await fetcherFor({
        url,
        auth: { type: 'basic', username: ACCOUNT, password: PASSWORD },
        timeoutMs: 1_000,
      })
        .fetcher.connect()
        .catch(e => e);
      expect(quiet).toMatchObject({ kind: 'connection' });
      expect(quiet.message).toMatch(/no answer within 1 s/);
    } finally {
      proxy.closeAllConnections();
      await new Promise(r => proxy.close(r));
    }
  });
});
