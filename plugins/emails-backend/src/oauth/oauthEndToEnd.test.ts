// OAuth for mailboxes end to end, on real peers: the test bed's HTTPS
// authorization server (consents at once), Dovecot checking every XOAUTH2
// token by introspection, IMAP fetching and SMTP submission.
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  startBedEwsPeer,
  startBedGraphPeer,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { startEmailsBackend } from '../__testUtils__/testBackend';
import { bedOAuthSettings, consentAt } from './__testUtils__/signIn';
import { waitFor } from '../__testUtils__/waitFor';

jest.setTimeout(120_000);

type Backend = Awaited<ReturnType<typeof startEmailsBackend>>;

describe('OAuth 2.0 for mailboxes, end to end', () => {
  let bed: TestBed;
  let backend: Backend;
  const notifications: any[] = [];

  beforeAll(async () => {
    bed = await startTestBed();
    backend = await startEmailsBackend(
      {
        admins: ['group:default/it-support'],
        tls: { trustedCertificates: [bed.caPem] },
      },
      [
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (n: unknown) => {
              notifications.push(n);
            },
          }),
        }),
      ],
    );
  });

  afterAll(async () => {
    await bed?.stop();
  });

  async function signIn(kind: 'incoming' | 'outgoing', serverId: string) {
    const started = await backend.call('admin', 'post', '/oauth/start', {
      serverKind: kind,
      serverId,
    });
    expect(started.status).toBe(200);
    const callback = await consentAt(bed, started.body.authorizationUrl);
    expect(callback).toMatch(/^\/api\/emails\/oauth\/callback\?/);
    const done = await backend.call(
      'anonymous',
      'get',
      callback.replace('/api/emails', ''),
    );
    return { started, callback, done };
  }

  it('signs in, fetches over IMAP and replies over submission with XOAUTH2, refreshes an expired token, expires once on revoked consent and recovers', async () => {
    // Short-lived tokens: every connection after the first needs a refresh.
    bed.oauthServer.setAccessTokenLifetime(3);
    const oauth = bedOAuthSettings(bed);
    const created = await backend.call('admin', 'post', '/servers/incoming', {
      name: 'OAuth desk',
      email: 'support@localhost',
      protocol: 'imap',
      provider: 'other',
      host: bed.host,
      port: bed.ports.imaps,
      security: 'ssl',
      authType: 'oauth',
      username: 'support@localhost',
      oauth,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.oauthConsent).toMatchObject({ status: 'none' });
    expect(created.body.oauth.redirectUrl).toMatch(
      /\/api\/emails\/oauth\/callback$/,
    );

    // Before any sign-in, Test Connection stops at auth and says why.
    const before = await backend.call(
      'admin',
      'post',
      `/servers/incoming/${id}/test`,
    );
    const auth = before.body.stages.find((s: any) => s.stage === 'auth');
    expect(auth).toMatchObject({ ok: false });
    expect(auth.message).toMatch(/nobody has signed in/);

    // Only an admin starts a sign-in; the URL carries PKCE S256 and a state.
    const denied = await backend.call('reader', 'post', '/oauth/start', {
      serverKind: 'incoming',
      serverId: id,
    });
    expect(denied.status).toBe(403);
    const bad = await backend.call('admin', 'post', '/oauth/start', {
      serverKind: 'sideways',
      serverId: id,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('serverKind');

    const { started, callback, done } = await signIn('incoming', id);
    const url = new URL(started.body.authorizationUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(done.status).toBe(200);
    expect(done.text).toContain('Signed in as support@localhost');
    expect(done.headers['content-security-policy']).toContain(
      "default-src 'none'",
    );

    // A replayed or forged state is refused with a page that says why.
    const replay = await backend.call(
      'anonymous',
      'get',
      callback.replace('/api/emails', ''),
    );
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('completed already');
    const forged = await backend.call(
      'anonymous',
      'get',
      '/oauth/callback?code=abc&state=forged-state',
    );
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('did not start this sign-in');

    // The provider's refusal (the admin declined) is a 400 page naming the server.
    const declined = await backend.call('admin', 'post', '/oauth/start', {
      serverKind: 'incoming',
      serverId: id,
    });
    const declinedState = new URL(
      declined.body.authorizationUrl,
    ).searchParams.get('state');
    const refusal = await backend.call(
      'anonymous',
      'get',
      `/oauth/callback?state=${declinedState}&error=access_denied&error_description=The+admin+declined`,
    );
    expect(refusal.status).toBe(400);
    expect(refusal.text).toContain(
      'The provider refused the sign-in: access_denied (The admin declined)',
    );
    expect(refusal.text).toContain(`"serverId":"${id}"`);

    const signedIn = (
      await backend.call('admin', 'get', `/servers/incoming/${id}`)
    ).body;
    expect(signedIn.oauthConsent).toMatchObject({
      status: 'active',
      account: 'support@localhost',
      consentedBy: 'user:default/alice',
    });
    expect(signedIn.oauthConsent.accessTokenExpiresAt).toBeTruthy();

    // Let the first access token expire for real, then use the mailbox.
    await new Promise(r => setTimeout(r, 3_500));
    const refreshesBefore = bed.oauthServer
      .tokenRequests()
      .filter(r => r.grantType === 'refresh_token').length;
    const tested = await backend.call(
      'admin',
      'post',
      `/servers/incoming/${id}/test`,
    );
    expect(tested.body.stages.map((s: any) => [s.stage, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['tls', true],
      ['auth', true],
      ['protocol', true],
    ]);

    await bed.deliver(
      'support@localhost',
      'From: Rita <rita@example.com>\r\nTo: support@localhost\r\nSubject: VPN drops every hour\r\nMessage-ID: <vpn-1@example.com>\r\n\r\nIt drops at :00.\r\n',
      { from: 'rita@example.com' },
    );
    await backend.call('admin', 'post', `/servers/incoming/${id}/sync`);
    const ticketed = await waitFor(async () => {
      const res = await backend.call(
        'admin',
        'get',
        `/messages?serverId=${id}`,
      );
      return res.body.items?.find((m: any) => m.status === 'ticketed');
    }, 'the fetched message to become a ticket');
    const refreshes = bed.oauthServer
      .tokenRequests()
      .filter(r => r.grantType === 'refresh_token').length;
    expect(refreshes).toBeGreaterThan(refreshesBefore);
    const healthy = (
      await backend.call('admin', 'get', `/servers/incoming/${id}`)
    ).body;
    expect(healthy.health.status).toBe('reachable');

    // The reply goes out through an OAuth outgoing server: Dovecot's
    // submission checks the token (longer than an SMTP line) by introspection.
    const outgoing = await backend.call('admin', 'post', '/servers/outgoing', {
      name: 'OAuth submission',
      email: 'support@localhost',
      protocol: 'smtp',
      provider: 'other',
      host: bed.host,
      port: bed.ports.submission,
      security: 'starttls',
      authNeeded: true,
      authType: 'oauth',
      username: 'support@localhost',
      oauth,
      primary: true,
    });
    expect(outgoing.status).toBe(201);
    expect((await signIn('outgoing', outgoing.body.id)).done.status).toBe(200);
    const sendTest = await backend.call(
      'admin',
      'post',
      `/servers/outgoing/${outgoing.body.id}/test`,
    );
    expect(sendTest.body.ok).toBe(true);
    const reply = await backend.call(
      'admin',
      'post',
      `/tickets/${ticketed.ticketId}/replies`,
      { body: 'Please try the new VPN profile.' },
    );
    expect(reply.status).toBe(201);
    const sent = await bed.waitForMessage(
      m => m.raw.toString('utf8').includes('Please try the new VPN profile.'),
      40_000,
    );
    expect(sent.to).toContain('rita@example.com');
    // Dovecot relays only for a signed-in submission user.
    expect(sent.from).toBe('support@localhost');

    // Consent revoked at the provider: the next refresh fails for good.
    bed.oauthServer.revokeConsent();
    await new Promise(r => setTimeout(r, 3_500));
    const failed = await backend.call(
      'admin',
      'post',
      `/servers/incoming/${id}/test`,
    );
    const failedAuth = failed.body.stages.find((s: any) => s.stage === 'auth');
    expect(failedAuth.ok).toBe(false);
    expect(failedAuth.message).toMatch(/consent was revoked/);
    expect(failedAuth.hint).toMatch(/Sign in again/);
    const expired = (
      await backend.call('admin', 'get', `/servers/incoming/${id}`)
    ).body;
    expect(expired.health.status).toBe('auth-expired');
    expect(expired.oauthConsent.status).toBe('expired');

    // Asked again, it fails at once: no new token request, no second notification.
    const requests = bed.oauthServer.tokenRequests().length;
    await backend.call('admin', 'post', `/servers/incoming/${id}/test`);
    expect(bed.oauthServer.tokenRequests().length).toBe(requests);
    const aboutIncoming = notifications.filter(n =>
      n.payload.title.includes('"OAuth desk"'),
    );
    expect(aboutIncoming).toHaveLength(1);
    expect(aboutIncoming[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: ['group:default/it-support'] },
      payload: { severity: 'high', topic: 'emails-oauth' },
    });

    // Signing in again restores the mailbox.
    expect((await signIn('incoming', id)).done.status).toBe(200);
    const restored = await backend.call(
      'admin',
      'post',
      `/servers/incoming/${id}/test`,
    );
    expect(restored.body.ok).toBe(true);
    const back = (await backend.call('admin', 'get', `/servers/incoming/${id}`))
      .body;
    expect(back.oauthConsent.status).toBe('active');
    expect(back.health.status).not.toBe('auth-expired');

    const audit = await backend.call('admin', 'get', `/audit/config`);
    const actions = audit.body
      .filter((e: any) => e.targetId === id)
      .map((e: any) => e.action);
    expect(actions.filter((a: string) => a === 'sign-in')).toHaveLength(2);
    expect(actions).toContain('sign-in-expired');

    // No secret or token ever left the backend.
    const said = backend.everythingSaid();
    expect(said).not.toContain(oauth.clientSecret);
    expect(said).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
  });

  it('tests a Microsoft Graph server with an app-only token from MSAL against the Graph stand-in', async () => {
    // A local HTTPS stand-in for Graph (documented shapes), not Microsoft's service.
    const graph = await startBedGraphPeer(bed);
    try {
      const created = await backend.call('admin', 'post', '/servers/outgoing', {
        name: 'Graph sender',
        email: 'support@localhost',
        protocol: 'graph',
        provider: 'microsoft',
        authType: 'oauth',
        graphEndpoint: graph.endpoint,
        oauth: {
          clientId: 'graph-app',
          clientSecret: 'graph-app-secret',
          tenantId: bed.oauth.tenantId,
          authorizationUrl: `${bed.oauth.authority}/oauth2/v2.0/authorize`,
          tokenUrl: `${bed.oauth.authority}/oauth2/v2.0/token`,
          scope: 'Mail.Send',
          grantType: 'client-credentials',
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.oauthConsent.status).toBe('active');
      const tested = await backend.call(
        'admin',
        'post',
        `/servers/outgoing/${created.body.id}/test`,
      );
      expect(tested.body.stages.map((s: any) => [s.stage, s.ok])).toEqual([
        ['dns', true],
        ['tcp', true],
        ['tls', true],
        ['auth', true],
        ['protocol', true],
      ]);
      expect(tested.body.stages[3].message).toContain(
        `${graph.endpoint}/.default`,
      );
      expect(backend.everythingSaid()).not.toContain('graph-app-secret');
    } finally {
      await graph.stop();
    }
  });

  it('tests an EWS mailbox with an app-only token, which must impersonate, against the EWS stand-in', async () => {
    // A local HTTPS stand-in for Exchange Web Services, not Microsoft's server.
    const ews = await startBedEwsPeer(bed);
    try {
      const created = await backend.call('admin', 'post', '/servers/incoming', {
        name: 'Exchange helpdesk',
        email: 'helpdesk@localhost',
        protocol: 'ews',
        provider: 'microsoft',
        authType: 'oauth',
        ewsUrl: ews.url,
        oauth: {
          clientId: 'ews-app',
          clientSecret: 'ews-app-secret',
          tenantId: bed.oauth.tenantId,
          authorizationUrl: `${bed.oauth.authority}/oauth2/v2.0/authorize`,
          tokenUrl: `${bed.oauth.authority}/oauth2/v2.0/token`,
          scope: 'full_access_as_app',
          grantType: 'client-credentials',
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.ewsImpersonation).toBe(false);
      const test = () =>
        backend.call(
          'admin',
          'post',
          `/servers/incoming/${created.body.id}/test`,
        );
      // App-only access impersonates even with the switch off; without the
      // ApplicationImpersonation role Exchange refuses, and the stage says so.
      const refused = (await test()).body;
      expect(refused.stages.map((s: any) => [s.stage, s.ok])).toEqual([
        ['dns', true],
        ['tcp', true],
        ['tls', true],
        ['auth', true],
        ['protocol', false],
      ]);
      expect(refused.stages[4].message).toMatch(/ErrorImpersonateUserDenied/);
      expect(refused.stages[4].hint).toMatch(/ApplicationImpersonation/);
      expect(
        ews.requestLog.find(r => r.operation === 'GetFolder'),
      ).toMatchObject({
        scheme: 'Bearer',
        account: 'app',
        impersonated: 'helpdesk@localhost',
      });

      ews.grantImpersonation('app');
      const passed = (await test()).body;
      expect(passed.ok).toBe(true);
      expect(passed.stages[3].message).toContain(
        `${new URL(ews.url).origin}/.default`,
      );
      expect(passed.stages[4].message).toMatch(
        /^Opened the Inbox of helpdesk@localhost/,
      );
      const server = await backend.call(
        'admin',
        'get',
        `/servers/incoming/${created.body.id}`,
      );
      expect(server.body.health.status).toBe('reachable');
      expect(backend.everythingSaid()).not.toContain('ews-app-secret');
    } finally {
      await ews.stop();
    }
  });
});
