import { randomUUID } from 'node:crypto';
import {
  ConfidentialClientApplication,
  CryptoProvider,
  InteractionRequiredAuthError,
  ServerError,
} from '@azure/msal-node';
import * as oidc from 'openid-client';
import {
  fetchTrustingCa,
  FetchFunction,
  imapXoauth2Login,
  startTestBed,
  TestBed,
} from './index';
import { msalNetworkClient, variableCache } from './__testUtils__/msal';
import {
  failure,
  followConsent,
  withTokenRequests as withRequests,
} from './__testUtils__/oauthFlow';

jest.setTimeout(60_000);

const SUPPORT = 'support@localhost';
const ALICE = 'alice@localhost';
const CLIENT_ID = '6f1c2d3e-0000-4000-8000-00000000c11e';
const SECRET = 'test-client-secret';
const REDIRECT_URI = 'https://desk.example.test/api/emails/oauth/callback';
const MAIL_SCOPES = [
  'https://outlook.office.com/IMAP.AccessAsUser.All',
  'https://outlook.office.com/SMTP.Send',
];
const APP_SCOPES = ['https://outlook.office365.com/.default'];

let bed: TestBed;
let fetchCa: FetchFunction;

beforeAll(async () => {
  bed = await startTestBed();
  fetchCa = fetchTrustingCa(bed.caPem);
}, 120_000);

afterAll(async () => {
  await bed?.stop();
});

afterEach(() => {
  bed.oauthServer.setAuthorizedUser(SUPPORT);
  bed.oauthServer.setAccessTokenLifetime(3600);
  bed.oauthServer.acceptClientSecrets();
});

const consent = (url: string | URL) => followConsent(fetchCa, url);
const withTokenRequests = <T>(run: () => Promise<T>) =>
  withRequests(bed.oauthServer, run);
const imapLogin = (user: string, token: string) =>
  imapXoauth2Login(
    { host: bed.host, port: bed.ports.imaps, tls: 'implicit', ca: bed.caPem },
    user,
    token,
  );

describe('openid-client', () => {
  let config: oidc.Configuration;

  beforeAll(async () => {
    config = await oidc.discovery(
      new URL(bed.oauth.issuer),
      CLIENT_ID,
      undefined,
      oidc.ClientSecretPost(SECRET),
      { [oidc.customFetch]: fetchCa },
    );
  });

  async function authorize(verifier: string, scope = 'openid offline_access') {
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: `${scope} ${MAIL_SCOPES.join(' ')}`,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { callback: await consent(url), state, nonce };
  }

  async function signIn() {
    const verifier = oidc.randomPKCECodeVerifier();
    const { callback, state, nonce } = await authorize(verifier);
    return oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
  }

  it('signs in with PKCE; the access token opens the mailbox', async () => {
    bed.oauthServer.setAuthorizedUser(ALICE);
    const tokens = await signIn();
    expect(tokens.claims()).toMatchObject({
      iss: bed.oauth.issuer,
      aud: CLIENT_ID,
      tid: bed.oauth.tenantId,
      preferred_username: ALICE,
    });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(await imapLogin(ALICE, tokens.access_token)).toMatch(/^a1 OK/);
  });

  it('refuses a wrong or missing code_verifier with invalid_grant', async () => {
    for (const sent of [oidc.randomPKCECodeVerifier(), undefined]) {
      const { callback, state } = await authorize(
        oidc.randomPKCECodeVerifier(),
      );
      const grant = oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: sent,
        expectedState: state,
      });
      await expect(grant).rejects.toMatchObject({
        name: 'ResponseBodyError',
        status: 400,
        error: 'invalid_grant',
        error_description: expect.stringMatching(/^AADSTS50148: /),
      });
    }
  });

  it('refreshes, until consent is revoked; a new sign-in works again', async () => {
    const { refresh_token: refreshToken = '' } = await signIn();
    const { result, requests } = await withTokenRequests(() =>
      oidc.refreshTokenGrant(config, refreshToken),
    );
    expect(requests).toEqual([
      expect.objectContaining({ grantType: 'refresh_token', status: 200 }),
    ]);
    expect(await imapLogin(SUPPORT, result.access_token)).toMatch(/^a1 OK/);

    bed.oauthServer.revokeConsent();
    const error = await failure(oidc.refreshTokenGrant(config, refreshToken));
    expect(error).toBeInstanceOf(oidc.ResponseBodyError);
    expect(error).toMatchObject({
      code: 'OAUTH_RESPONSE_BODY_ERROR',
      status: 400,
      error: 'invalid_grant',
      error_description: expect.stringMatching(/^AADSTS65001: .*consent/),
      cause: expect.objectContaining({ suberror: 'consent_required' }),
    });
    const again = await signIn();
    await expect(
      oidc.refreshTokenGrant(config, again.refresh_token ?? ''),
    ).resolves.toHaveProperty('access_token');
  });

  it('answers invalid_client when the client secret is rejected', async () => {
    bed.oauthServer.rejectClientSecret(SECRET);
    await expect(oidc.clientCredentialsGrant(config)).rejects.toMatchObject({
      name: 'ResponseBodyError',
      status: 401,
      error: 'invalid_client',
      error_description: expect.stringMatching(/^AADSTS7000222: /),
    });
  });
});

describe('MSAL Node', () => {
  const requested: string[] = [];
  const recordingFetch: FetchFunction = (input, init) => {
    requested.push(`${init?.method ?? 'GET'} ${input}`);
    return fetchCa(input, init);
  };

  function msalApp(store: { data?: string }) {
    return new ConfidentialClientApplication({
      auth: {
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        authority: bed.oauth.authority,
        // Trusting the host skips instance discovery at login.microsoftonline.com.
        knownAuthorities: [new URL(bed.oauth.issuer).host],
      },
      cache: { cachePlugin: variableCache(store) },
      system: { networkClient: msalNetworkClient(recordingFetch) },
    });
  }

  async function signIn(app: ConfidentialClientApplication) {
    const { verifier, challenge } =
      await new CryptoProvider().generatePkceCodes();
    const state = randomUUID();
    const nonce = randomUUID();
    const url = await app.getAuthCodeUrl({
      scopes: MAIL_SCOPES,
      redirectUri: REDIRECT_URI,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state,
      nonce,
    });
    const callback = await consent(url);
    const code = callback.searchParams.get('code') ?? '';
    return app.acquireTokenByCode(
      {
        code,
        scopes: MAIL_SCOPES,
        redirectUri: REDIRECT_URI,
        codeVerifier: verifier,
        state,
        nonce,
      },
      { code, state: callback.searchParams.get('state') ?? '' },
    );
  }

  async function silently(store: { data?: string }, forceRefresh: boolean) {
    const app = msalApp(store);
    const [account] = await app.getTokenCache().getAllAccounts();
    return app.acquireTokenSilent({
      account,
      scopes: MAIL_SCOPES,
      forceRefresh,
    });
  }

  it('signs in; the account is the mailbox and its token opens it', async () => {
    requested.length = 0;
    const result = await signIn(msalApp({}));
    // Tenant discovery under the authority, no instance discovery elsewhere.
    expect(requested).toContain(
      `GET ${bed.oauth.authority}/v2.0/.well-known/openid-configuration`,
    );
    for (const request of requested)
      expect(request).toMatch(/^(GET|POST) https:\/\/127\.0\.0\.1:\d+\//);
    expect(result.account).toMatchObject({
      username: SUPPORT,
      tenantId: bed.oauth.tenantId,
      homeAccountId: expect.stringMatching(
        new RegExp(`\\.${bed.oauth.tenantId}$`),
      ),
    });
    expect(result.scopes).toEqual(expect.arrayContaining(MAIL_SCOPES));
    expect(await imapLogin(SUPPORT, result.accessToken)).toMatch(/^a1 OK/);
  });

  it('a new app with the serialized cache refreshes (forceRefresh) or reuses the token', async () => {
    const store: { data?: string } = {};
    const first = await signIn(msalApp(store));
    const { result, requests } = await withTokenRequests(() =>
      silently(store, true),
    );
    expect(requests).toEqual([
      expect.objectContaining({ grantType: 'refresh_token', status: 200 }),
    ]);
    expect(result.accessToken).not.toBe(first.accessToken);
    expect(result.account?.username).toBe(SUPPORT);
    expect(await imapLogin(SUPPORT, result.accessToken)).toMatch(/^a1 OK/);
    // Without forceRefresh a fresh token comes from the cache.
    const cached = await withTokenRequests(() => silently(store, false));
    expect(cached.result.fromCache).toBe(true);
    expect(cached.requests).toEqual([]);
  });

  it('refreshes by itself when the access token is about to expire', async () => {
    // MSAL renews tokens within five minutes of their expiry.
    bed.oauthServer.setAccessTokenLifetime(120);
    const store: { data?: string } = {};
    await signIn(msalApp(store));
    const { requests } = await withTokenRequests(() => silently(store, false));
    expect(requests.map(r => r.grantType)).toEqual(['refresh_token']);
  });

  it('reports revoked consent as InteractionRequiredAuthError (invalid_grant, consent_required)', async () => {
    const store: { data?: string } = {};
    await signIn(msalApp(store));
    bed.oauthServer.revokeConsent();
    const error = await failure(silently(store, true));
    expect(error).toBeInstanceOf(InteractionRequiredAuthError);
    expect(error).toMatchObject({
      errorCode: 'invalid_grant',
      subError: 'consent_required',
      errorNo: 65001,
      errorMessage: expect.stringMatching(/^AADSTS65001: /),
    });
    // Signing in again gives consent again.
    const fresh: { data?: string } = {};
    await signIn(msalApp(fresh));
    await expect(silently(fresh, true)).resolves.toHaveProperty('accessToken');
  });

  it('gets app tokens (client credentials), and reports a rejected secret as ServerError', async () => {
    const { result, requests } = await withTokenRequests(() =>
      msalApp({}).acquireTokenByClientCredential({ scopes: APP_SCOPES }),
    );
    expect(result?.accessToken).toEqual(expect.any(String));
    expect(requests).toEqual([
      expect.objectContaining({
        grantType: 'client_credentials',
        clientId: CLIENT_ID,
      }),
    ]);
    bed.oauthServer.rejectClientSecret();
    const error = await failure(
      msalApp({}).acquireTokenByClientCredential({ scopes: APP_SCOPES }),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({
      errorCode: 'invalid_client',
      errorNo: 7000222,
      status: 401,
    });
  });
});
