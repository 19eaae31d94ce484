import { mockCredentials } from '@backstage/backend-test-utils';
import { startTestBed, TestBed } from '@internal/emails-test-bed';
import request from 'supertest';
import { startEmailsBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const PASSWORD = 'Sup3r-secret-imap-pw';
const CLIENT_SECRET = 'oauth-client-secret-7f3a';
const PROXY_PASSWORD = 'proxy-pw-91c2';

const imapServer = (over: object = {}) => ({
  name: 'IT Support',
  email: 'support@example.com',
  protocol: 'imap',
  host: 'imap.example.com',
  port: 993,
  security: 'ssl',
  authType: 'basic',
  username: 'support',
  password: PASSWORD,
  technicianGroup: 'group:default/it-support',
  ...over,
});

describe('emails router', () => {
  let backend: Awaited<ReturnType<typeof startEmailsBackend>>;

  beforeAll(async () => {
    backend = await startEmailsBackend();
  });

  it('creates, reads, updates and deletes an incoming server', async () => {
    const { call } = backend;
    const created = await call(
      'admin',
      'post',
      '/servers/incoming',
      imapServer(),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'IT Support',
      passwordSet: true,
      clientSecretSet: false,
      version: 1,
      health: { status: 'unknown' },
    });
    expect(created.body.password).toBeUndefined();
    const id = created.body.id;

    const list = await call('admin', 'get', '/servers/incoming');
    expect(list.body.map((s: any) => s.id)).toContain(id);
    expect(
      (await call('admin', 'get', `/servers/incoming/${id}`)).body.name,
    ).toBe('IT Support');

    // A PUT without the password keeps it.
    const { password, ...withoutPassword } = imapServer({
      port: 143,
      security: 'starttls',
    });
    const updated = await call('admin', 'put', `/servers/incoming/${id}`, {
      ...withoutPassword,
      version: 1,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      port: 143,
      passwordSet: true,
      version: 2,
    });

    const stale = await call('admin', 'put', `/servers/incoming/${id}`, {
      ...withoutPassword,
      version: 1,
    });
    expect(stale.status).toBe(409);

    const disabled = await call('admin', 'put', `/servers/incoming/${id}`, {
      ...withoutPassword,
      enabled: false,
      version: 2,
    });
    expect(disabled.body.health.status).toBe('disabled');

    expect(
      (await call('admin', 'delete', `/servers/incoming/${id}`)).status,
    ).toBe(204);
    expect((await call('admin', 'get', `/servers/incoming/${id}`)).status).toBe(
      404,
    );
    expect(
      (await call('admin', 'delete', `/servers/incoming/${id}`)).status,
    ).toBe(404);
  });

  it.each([
    [
      { port: 70000 },
      'Invalid incoming server: port must be a whole number from 1 to 65535',
    ],
    [
      { protocol: 'pop3', authType: 'oauth' },
      'oauth.clientId is required for OAuth',
    ],
    [{ email: 'nope' }, 'email must be a valid email address'],
    [
      { authType: 'oauth', oauth: { clientId: 'x' } },
      'oauth.clientSecret is required for OAuth',
    ],
    [
      { technicianGroup: 'group:default/nobody' },
      'technicianGroup group:default/nobody is not a Group in the catalog',
    ],
    [{ proxyId: 'missing' }, 'proxyId missing is not a configured proxy'],
    [
      { outgoingServerId: 'missing' },
      'outgoingServerId missing is not a configured outgoing server',
    ],
  ])('answers 400 naming the field for %p', async (change, message) => {
    const res = await backend.call(
      'admin',
      'post',
      '/servers/incoming',
      imapServer({ name: `bad ${JSON.stringify(change)}`, ...change }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(message);
  });

  it('answers 401, 403 and 404 where they belong', async () => {
    const { call } = backend;
    expect((await call('anonymous', 'get', '/servers/incoming')).status).toBe(
      401,
    );
    const forbidden = await call(
      'reader',
      'post',
      '/servers/incoming',
      imapServer({ name: 'x' }),
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toBe(
      'Missing permission emails.server.manage',
    );
    expect((await call('reader', 'put', '/preferences', {})).status).toBe(403);
    expect((await call('admin', 'get', '/servers/sideways')).status).toBe(400);
    expect(
      (await call('admin', 'put', '/servers/outgoing/missing', { version: 1 }))
        .status,
    ).toBe(404);
  });

  it('keeps one primary per direction and names taken names', async () => {
    const { call } = backend;
    const a = (
      await call('admin', 'post', '/servers/outgoing', {
        name: 'A',
        email: 'a@example.com',
        protocol: 'smtp',
        host: 'smtp.example.com',
        port: 587,
        security: 'starttls',
        authNeeded: false,
        primary: true,
      })
    ).body;
    const b = (
      await call('admin', 'post', '/servers/outgoing', {
        name: 'B',
        email: 'b@example.com',
        protocol: 'smtp',
        host: 'smtp.example.com',
        port: 587,
        security: 'starttls',
        authNeeded: false,
        primary: true,
      })
    ).body;
    const list = (await call('admin', 'get', '/servers/outgoing')).body;
    expect(list.filter((s: any) => s.primary).map((s: any) => s.id)).toEqual([
      b.id,
    ]);
    expect(list.find((s: any) => s.id === a.id).version).toBe(2);
    const taken = await call('admin', 'post', '/servers/outgoing', {
      name: 'A',
      email: 'c@example.com',
      protocol: 'smtp',
      host: 'h.example.com',
      port: 25,
      security: 'none',
      authNeeded: false,
    });
    expect(taken.status).toBe(409);
  });

  it('manages proxies and the Email Preference with versions', async () => {
    const { call } = backend;
    const proxy = await call('admin', 'post', '/proxies', {
      name: 'office',
      protocol: 'http',
      host: '127.0.0.1',
      port: 3128,
      username: 'p',
      password: PROXY_PASSWORD,
    });
    expect(proxy.body).toMatchObject({ passwordSet: true, version: 1 });
    expect(
      (
        await call('admin', 'post', '/proxies', {
          name: 'x',
          protocol: 'ftp',
          host: 'h',
          port: 1,
        })
      ).body.error.message,
    ).toBe('Invalid proxy: protocol must be http or socks5');
    const moved = await call('admin', 'put', `/proxies/${proxy.body.id}`, {
      name: 'office',
      protocol: 'http',
      host: '127.0.0.1',
      port: 8080,
      version: 1,
    });
    expect(moved.body).toMatchObject({
      port: 8080,
      passwordSet: true,
      version: 2,
    });

    const prefs = (await call('admin', 'get', '/preferences')).body;
    expect(prefs).toMatchObject({ emailToTicket: true, version: 0 });
    const saved = await call('admin', 'put', '/preferences', {
      ...prefs,
      allowGuestRequests: false,
    });
    expect(saved.body).toMatchObject({ allowGuestRequests: false, version: 1 });
    expect(
      (
        await call('admin', 'put', '/preferences', {
          ...prefs,
          allowGuestRequests: false,
        })
      ).status,
    ).toBe(409);
    const bad = await call('admin', 'put', '/preferences', {
      ...saved.body,
      closedRequestReply: { action: 'reopen', graceDays: 0 },
    });
    expect(bad.body.error.message).toBe(
      'Invalid Email Preference: closedRequestReply.graceDays must be a whole number from 1 to 365',
    );
  });

  it('records every change in the configuration audit trail, secrets masked', async () => {
    const { call } = backend;
    const created = (
      await call(
        'admin',
        'post',
        '/servers/incoming',
        imapServer({
          name: 'Audited',
          authType: 'oauth',
          password: undefined,
          oauth: {
            clientId: 'c',
            clientSecret: CLIENT_SECRET,
            authorizationUrl: 'https://login.example.com/a',
            tokenUrl: 'https://login.example.com/t',
            scope: 's',
          },
        }),
      )
    ).body;
    await call('admin', 'put', `/servers/incoming/${created.id}`, {
      ...imapServer({
        name: 'Audited',
        authType: 'basic',
        password: 'changed-pw-55',
      }),
      version: 1,
    });
    await call('admin', 'delete', `/servers/incoming/${created.id}`);

    const trail = (
      await call('admin', 'get', '/audit/config?target=incoming-server')
    ).body;
    const mine = trail.filter((e: any) => e.targetId === created.id);
    expect(mine.map((e: any) => e.action)).toEqual([
      'delete',
      'update',
      'create',
    ]);
    expect(mine.every((e: any) => e.actor === 'user:default/alice')).toBe(true);
    const update = mine[1];
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'authType', before: 'oauth', after: 'basic' },
        { field: 'password', after: '(changed)' },
      ]),
    );
    expect(mine[2].changes).toEqual(
      expect.arrayContaining([{ field: 'clientSecret', after: '(changed)' }]),
    );
    expect(backend.auditorEvents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'update',
          target: 'incoming-server',
          targetId: created.id,
        }),
      ]),
    );
    expect((await call('admin', 'get', '/audit/config?limit=0')).status).toBe(
      400,
    );
  });

  // Runs last: secrets are write-only, so no response body, log line or
  // auditor event of everything above may contain one.
  it('never said a stored secret', () => {
    const said = backend.everythingSaid();
    expect(said).toContain('passwordSet');
    for (const secret of [
      PASSWORD,
      CLIENT_SECRET,
      PROXY_PASSWORD,
      'changed-pw-55',
    ]) {
      expect(said).not.toContain(secret);
    }
  });
});

describe('Test Connection through the API against a real Dovecot', () => {
  let backend: Awaited<ReturnType<typeof startEmailsBackend>>;
  let bed: TestBed;

  beforeAll(async () => {
    bed = await startTestBed();
    // The portal trusts the test bed's CA as it would an internal CA.
    backend = await startEmailsBackend({
      tls: { trustedCertificates: [bed.caPem] },
    });
  });
  afterAll(async () => {
    await bed?.stop();
  });

  async function addBedServer(over: object = {}) {
    const res = await backend.call('admin', 'post', '/servers/incoming', {
      name: `bed ${Math.random()}`,
      email: 'support@localhost',
      protocol: 'imap',
      host: '127.0.0.1',
      port: bed.ports.imap,
      security: 'none',
      authType: 'basic',
      username: 'support@localhost',
      password: bed.passwordOf('support@localhost'),
      ...over,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('passes every stage, streams them as NDJSON, and marks the server reachable', async () => {
    const server = await addBedServer();
    const res = await backend.call(
      'admin',
      'post',
      `/servers/incoming/${server.id}/test`,
      {},
    );
    expect(res.body.ok).toBe(true);
    expect(res.body.stages.map((s: any) => [s.stage, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['tls', true],
      ['auth', true],
      ['protocol', true],
    ]);
    const health = (
      await backend.call('admin', 'get', `/servers/incoming/${server.id}`)
    ).body.health;
    expect(health).toMatchObject({
      status: 'reachable',
      consecutiveFailures: 0,
    });

    const streamed = await request(backend.server)
      .post(`/api/emails/servers/incoming/${server.id}/test`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'))
      .set('Accept', 'application/x-ndjson')
      .send({});
    expect(streamed.headers['content-type']).toContain('application/x-ndjson');
    const lines = streamed.text
      .trim()
      .split('\n')
      .map((l: string) => JSON.parse(l));
    expect(lines.slice(0, 5).map((l: any) => l.stage)).toEqual([
      'dns',
      'tcp',
      'tls',
      'auth',
      'protocol',
    ]);
    expect(lines[5]).toMatchObject({ ok: true });
  });

  it('fails the auth stage with a hint after the password changes, and keeps the failure count', async () => {
    const server = await addBedServer();
    const changed = await backend.call(
      'admin',
      'put',
      `/servers/incoming/${server.id}`,
      {
        name: server.name,
        email: server.email,
        protocol: 'imap',
        host: '127.0.0.1',
        port: bed.ports.imap,
        security: 'none',
        authType: 'basic',
        username: 'support@localhost',
        password: 'changed-pw-55',
        version: server.version,
      },
    );
    expect(changed.status).toBe(200);
    const res = await backend.call(
      'admin',
      'post',
      `/servers/incoming/${server.id}/test`,
      {},
    );
    expect(res.body.ok).toBe(false);
    const auth = res.body.stages.find((s: any) => s.stage === 'auth');
    expect(auth).toMatchObject({ ok: false });
    expect(auth.hint).toMatch(/password/i);
    const health = (
      await backend.call('admin', 'get', `/servers/incoming/${server.id}`)
    ).body.health;
    // The saved change also wakes the mailbox's fetch task, which may fail
    // on the same password first or after: one or two failures, both auth.
    expect(health.status).toBe('unreachable');
    expect(health.consecutiveFailures).toBeGreaterThanOrEqual(1);
    expect(health.lastError).toMatch(/auth|password|AUTHENTICATIONFAILED/i);
  });

  it('fetches the oldest message as a sample without touching the mailbox', async () => {
    const server = await addBedServer({
      category: 'Hardware',
      technicianGroup: 'group:default/it-support',
    });
    await bed.deliver(
      'support@localhost',
      'From: Rita <rita@example.com>\r\nTo: support@localhost\r\nSubject: Printer jam\r\nMessage-ID: <s1@example.com>\r\n\r\nThe printer on floor 2 jams.\r\n',
    );
    const res = await backend.call(
      'admin',
      'post',
      `/servers/incoming/${server.id}/sample`,
      {},
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      found: true,
      subject: 'Printer jam',
      from: 'rita@example.com',
      ticket: {
        title: 'Printer jam',
        requester: 'rita@example.com',
        technicianGroup: 'group:default/it-support',
        category: 'Hardware',
      },
    });
    // Read by a reader is not allowed: it uses the mailbox's credentials.
    expect(
      (
        await backend.call(
          'reader',
          'post',
          `/servers/incoming/${server.id}/sample`,
          {},
        )
      ).status,
    ).toBe(403);
  });

  it('sends a real test mail through an outgoing server when asked', async () => {
    const out = await backend.call('admin', 'post', '/servers/outgoing', {
      name: 'submission',
      email: 'support@localhost',
      protocol: 'smtp',
      host: '127.0.0.1',
      port: bed.ports.submission,
      security: 'starttls',
      authType: 'basic',
      username: 'support@localhost',
      password: bed.passwordOf('support@localhost'),
    });
    const res = await backend.call(
      'admin',
      'post',
      `/servers/outgoing/${out.body.id}/test`,
      { to: 'rita@example.com' },
    );
    expect(res.body.ok).toBe(true);
    expect(res.body.sentMessageId).toBeTruthy();
    const arrived = await bed.waitForMessage(m =>
      m.to.includes('rita@example.com'),
    );
    expect(arrived.raw.toString()).toContain(res.body.sentMessageId);
  });

  it('refuses a test mail address that is not one', async () => {
    const out = await backend.call('admin', 'post', '/servers/outgoing', {
      name: `sink ${Math.random()}`,
      email: 'noreply@localhost',
      protocol: 'smtp',
      host: '127.0.0.1',
      port: bed.ports.submission,
      security: 'starttls',
      authNeeded: false,
    });
    const res = await backend.call(
      'admin',
      'post',
      `/servers/outgoing/${out.body.id}/test`,
      { to: 'a@b.com\r\nBcc: x@y.com' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid test: to must be a valid email address like name@example.com',
    );
  });

  it.each([
    ['incoming', { protocol: 'imap', port: 0, security: 'none' }],
    ['outgoing', { protocol: 'smtp', port: 0, security: 'starttls' }],
  ])(
    'says an OAuth %s server has not been authorized yet, and stops there',
    async (direction, over: any) => {
      const port =
        over.protocol === 'imap' ? bed.ports.imap : bed.ports.submission;
      const created = await backend.call(
        'admin',
        'post',
        `/servers/${direction}`,
        {
          name: `oauth ${direction}`,
          email: 'support@localhost',
          host: '127.0.0.1',
          ...over,
          port,
          authType: 'oauth',
          username: 'support@localhost',
          oauth: {
            clientId: 'c',
            clientSecret: 's',
            authorizationUrl: bed.oauth.authorizationUrl,
            tokenUrl: bed.oauth.tokenUrl,
            scope: 'mail',
          },
        },
      );
      expect(created.status).toBe(201);
      const res = await backend.call(
        'admin',
        'post',
        `/servers/${direction}/${created.body.id}/test`,
        {},
      );
      expect(res.body.ok).toBe(false);
      const names = res.body.stages.map((s: any) => s.stage);
      expect(names[names.length - 1]).toBe('auth');
      expect(res.body.stages.at(-1)).toMatchObject({
        ok: false,
        message: expect.stringContaining('no OAuth token yet'),
      });
      const health = (
        await backend.call(
          'admin',
          'get',
          `/servers/${direction}/${created.body.id}`,
        )
      ).body.health;
      expect(health.status).toBe('auth-expired');
    },
  );

  it('never said the mailbox password or the changed one', () => {
    const said = backend.everythingSaid();
    expect(said).toContain('stages');
    expect(said).not.toContain(bed.passwordOf('support@localhost'));
    expect(said).not.toContain('changed-pw-55');
  });
});
