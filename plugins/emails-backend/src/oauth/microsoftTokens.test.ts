// Microsoft sign-in through @azure/msal-node against the test bed's HTTPS
// authorization server (known authority, so MSAL makes no instance
// discovery call): authorization code with PKCE, the token cache kept sealed
// in the database, silent refresh, app-only access and the failures.
import { TestDatabases } from '@backstage/backend-test-utils';
import { startTestBed, TestBed } from '@internal/emails-test-bed';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';
import { ImapFetcher } from '../mail/imap/ImapFetcher';
import { consentAt } from './__testUtils__/signIn';
import { oauthServices } from './__testUtils__/oauthServices';
import { TokenError } from './failures';
import { StoredTokens } from './providers/types';

jest.setTimeout(90_000);

const ADMIN = { actor: 'user:default/alice' };

describe('Microsoft OAuth through MSAL', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });
  let bed: TestBed;
  beforeAll(async () => {
    bed = await startTestBed();
  });
  afterAll(() => bed?.stop());

  function microsoftOAuth() {
    return {
      clientId: 'msal-desk',
      clientSecret: 'msal-desk-secret',
      tenantId: bed.oauth.tenantId,
      authorizationUrl: `${bed.oauth.authority}/oauth2/v2.0/authorize`,
      tokenUrl: `${bed.oauth.authority}/oauth2/v2.0/token`,
      scope:
        'offline_access https://outlook.office365.com/IMAP.AccessAsUser.All',
    };
  }

  async function imapLogin(token: string) {
    const fetcher = new ImapFetcher({
      host: bed.host,
      port: bed.ports.imaps,
      security: 'ssl',
      auth: {
        type: 'oauth',
        username: 'support@localhost',
        accessToken: token,
      },
      ca: [bed.caPem],
    });
    await fetcher.connect();
    await fetcher.close();
  }

  it.each(databases.eachSupportedId())(
    'signs in, keeps the MSAL cache sealed, refreshes silently and expires once on %p',
    async databaseId => {
      const o = await oauthServices(
        await migratedKnex(databases, databaseId),
        bed,
      );
      const server = await o.servers.incoming.create(
        {
          name: 'Microsoft 365 desk',
          email: 'support@localhost',
          protocol: 'imap',
          provider: 'microsoft',
          authType: 'oauth',
          // Never fetched here: Sign in with Microsoft means Exchange Online's host.
          enabled: false,
          oauth: microsoftOAuth(),
        },
        ADMIN,
      );
      bed.oauthServer.setAccessTokenLifetime(3600);
      const { authorizationUrl } = await o.signIn.start(
        'incoming',
        server.id,
        ADMIN,
      );
      const url = new URL(authorizationUrl);
      expect(url.origin).toBe(bed.oauth.issuer);
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('client_id')).toBe('msal-desk');
      const callback = await consentAt(bed, authorizationUrl);
      const done = await o.signIn.complete(
        new URL(callback, 'https://x').searchParams,
      );
      expect(done.account).toBe('support@localhost');

      const grant = await o.stores.oauth.grant('incoming', server.id);
      expect(grant).toMatchObject({
        status: 'active',
        consentedBy: ADMIN.actor,
      });
      // Sealed at rest: neither the refresh token nor the cache shows in the row.
      expect(grant!.tokens).not.toContain('RefreshToken');
      const cache = o.secrets.open<StoredTokens>(grant!.tokens!);
      expect(cache.kind).toBe('msal');
      expect(
        cache.kind === 'msal' && JSON.parse(cache.cache).RefreshToken,
      ).toBeTruthy();

      const first = await o.tokens.accessToken('incoming', server.id);
      await imapLogin(first.token);

      // A restarted backend (no MSAL app in memory) refreshes from the stored cache alone.
      const before = bed.oauthServer.tokenRequests().length;
      const refreshed = await o
        .newTokens()
        .accessToken('incoming', server.id, { forceRefresh: true });
      const requests = bed.oauthServer.tokenRequests().slice(before);
      expect(requests.map(r => r.grantType)).toEqual(['refresh_token']);
      expect(refreshed.token).not.toBe(first.token);
      await imapLogin(refreshed.token);

      bed.oauthServer.revokeConsent();
      const failure = await o.tokens
        .accessToken('incoming', server.id, { forceRefresh: true })
        .catch(e => e);
      expect(failure).toBeInstanceOf(TokenError);
      expect(failure.kind).toBe('revoked');
      expect(failure.message).toContain('AADSTS65001');
      expect((await o.stores.health.get('incoming', server.id)).status).toBe(
        'auth-expired',
      );
      await expect(o.tokens.accessToken('incoming', server.id)).rejects.toThrow(
        /revoked/,
      );
      expect(o.notifications).toHaveLength(1);
      const trail = await o.stores.configAudit.list({
        target: 'incoming-server',
      });
      expect(trail.map(e => e.action)).toEqual(
        expect.arrayContaining(['sign-in', 'sign-in-expired']),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'gets app-only tokens for Graph and tells an expired client secret apart on %p',
    async databaseId => {
      const o = await oauthServices(
        await migratedKnex(databases, databaseId),
        bed,
      );
      const graph = await o.servers.outgoing.create(
        {
          name: 'Graph sender',
          email: 'support@localhost',
          protocol: 'graph',
          provider: 'microsoft',
          authType: 'oauth',
          enabled: false,
          oauth: {
            ...microsoftOAuth(),
            scope: 'Mail.Send',
            grantType: 'client-credentials',
          },
        },
        ADMIN,
      );
      await expect(o.signIn.start('outgoing', graph.id, ADMIN)).rejects.toThrow(
        /app-only access/,
      );
      const before = bed.oauthServer.tokenRequests().length;
      const token = await o.tokens.accessToken('outgoing', graph.id);
      expect(token.token).toMatch(/^eyJ/);
      expect(token.scopes).toEqual(['https://graph.microsoft.com/.default']);
      expect(
        bed.oauthServer
          .tokenRequests()
          .slice(before)
          .map(r => r.grantType),
      ).toEqual(['client_credentials']);

      bed.oauthServer.rejectClientSecret('msal-desk-secret');
      try {
        const failure = await o.tokens
          .accessToken('outgoing', graph.id, { forceRefresh: true })
          .catch(e => e);
        expect(failure.kind).toBe('client-secret');
        expect(failure.hint).toMatch(/new client secret/);
        const view = await o.servers.outgoing.get(graph.id);
        expect(view.oauthConsent).toMatchObject({ status: 'expired' });
        expect(o.notifications).toHaveLength(1);
      } finally {
        bed.oauthServer.acceptClientSecrets();
      }
    },
  );
});
