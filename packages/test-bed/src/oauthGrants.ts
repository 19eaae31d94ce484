import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OAuth2Issuer } from 'oauth2-mock-server';
import {
  aadError,
  clientOf,
  identityClaims,
  invalidGrant,
  pkceMatches,
  Reply,
  sendJson,
  text,
  userObjectId,
} from './oauthReplies';
import type { Claims } from './oauthVerify';

/** One request to the token endpoint, as {@link OAuthTestServer.tokenRequests} lists it. */
export interface OAuthTokenRequest {
  /** The `grant_type` field, or '' when missing. */
  grantType: string;
  clientId?: string;
  /** HTTP status of the answer. */
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
}

/** What /authorize granted with a code; the token endpoint checks it. */
export interface Authorization {
  user: string;
  redirectUri: string;
  clientId?: string;
  scope?: string;
  nonce?: string;
  challenge?: { value: string; method: string };
}

interface Grant {
  user: string;
  clientId?: string;
  scope?: string;
}

/** Lifetime of tokens that name the user (id tokens), whatever the access token lifetime. */
const ID_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * The token endpoint: checks codes (PKCE, redirect_uri, client), refresh
 * tokens and client secrets, which oauth2-mock-server's own endpoint does
 * not, and answers the way Entra ID does so MSAL accepts it.
 */
export class TokenEndpoint {
  /** Lifetime in seconds of access tokens from every grant. */
  accessTokenLifetime = 3600;
  private readonly codes = new Map<string, Authorization>();
  private readonly refreshTokens = new Map<string, Grant & { epoch: number }>();
  private readonly log: OAuthTokenRequest[] = [];
  private consentEpoch = 0;
  private rejectedSecrets: Set<string> | 'all' = new Set();

  constructor(
    private readonly issuer: OAuth2Issuer,
    private readonly tenantId: string,
  ) {}

  /** Remembers what /authorize granted with `code`. */
  authorized(code: string, authorization: Authorization): void {
    this.codes.set(code, authorization);
  }

  /** Makes every refresh token issued so far answer invalid_grant. */
  revokeConsent(): void {
    this.consentEpoch += 1;
  }

  /** Refuses `secret`, or every client secret when none is given. */
  rejectClientSecret(secret?: string): void {
    if (secret === undefined) this.rejectedSecrets = 'all';
    else if (this.rejectedSecrets !== 'all') this.rejectedSecrets.add(secret);
  }

  /** Accepts every client secret again. */
  acceptClientSecrets(): void {
    this.rejectedSecrets = new Set();
  }

  /** A copy of the requests answered so far, oldest first. */
  requests(): OAuthTokenRequest[] {
    return this.log.map(r => ({ ...r }));
  }

  /** Route handler for POST /token (body already parsed by the mock). */
  readonly handle = async (
    req: IncomingMessage & { body?: unknown },
    res: ServerResponse,
  ): Promise<void> => {
    const at = Date.now();
    const body =
      req.body && typeof req.body === 'object' && !Array.isArray(req.body)
        ? (req.body as Claims)
        : {};
    const client = clientOf(req, body);
    const reply = await this.answer(body, client);
    this.log.push({
      grantType: text(body.grant_type) ?? '',
      clientId: client.id,
      status: reply.status,
      at,
    });
    sendJson(res, reply.body, reply.status);
  };

  private answer(
    body: Claims,
    client: { id?: string; secret?: string },
  ): Promise<Reply> | Reply {
    if (client.secret !== undefined && this.secretRejected(client.secret)) {
      return aadError(
        401,
        'invalid_client',
        7000222,
        `The provided client secret keys for app '${client.id}' are expired. Visit the Azure portal to create new keys for your app.`,
      );
    }
    switch (body.grant_type) {
      case 'authorization_code':
        return this.codeGrant(body, client.id);
      case 'refresh_token':
        return this.refreshGrant(body, client.id);
      case 'client_credentials':
        return this.clientGrant(body, client.id);
      case 'password': {
        const user = text(body.username);
        if (!user) return invalidGrant('The username is missing.');
        const scope = text(body.scope);
        return this.userTokens({ user, clientId: client.id, scope }, body);
      }
      default:
        return aadError(
          400,
          'unsupported_grant_type',
          70003,
          'The app requested an unsupported grant type.',
        );
    }
  }

  private secretRejected(secret: string): boolean {
    return this.rejectedSecrets === 'all' || this.rejectedSecrets.has(secret);
  }

  private codeGrant(body: Claims, clientId?: string) {
    const code = text(body.code) ?? '';
    const authorization = this.codes.get(code);
    // Codes are single-use, whether or not the redemption succeeds.
    this.codes.delete(code);
    if (!authorization) {
      return invalidGrant(
        'The authorization code is unknown or was already redeemed.',
      );
    }
    if (authorization.clientId !== clientId) {
      return invalidGrant(
        'The authorization code was issued to another client.',
      );
    }
    if (authorization.redirectUri !== text(body.redirect_uri)) {
      return invalidGrant(
        'The redirect_uri does not match the one of the authorization request.',
      );
    }
    if (!pkceMatches(authorization.challenge, text(body.code_verifier))) {
      return aadError(
        400,
        'invalid_grant',
        50148,
        'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
      );
    }
    const scope = text(body.scope) ?? authorization.scope;
    const grant = { user: authorization.user, clientId, scope };
    return this.userTokens(grant, body, authorization.nonce);
  }

  private refreshGrant(body: Claims, clientId?: string) {
    const grant = this.refreshTokens.get(text(body.refresh_token) ?? '');
    if (!grant || grant.clientId !== clientId) {
      return invalidGrant(
        'The refresh token is unknown or was issued to another client.',
      );
    }
    if (grant.epoch < this.consentEpoch) {
      return aadError(
        400,
        'invalid_grant',
        65001,
        `The user or administrator has not consented to use the application with ID '${clientId}'. Send an interactive authorization request for this user and resource (consent revoked).`,
        'consent_required',
      );
    }
    const scope = text(body.scope) ?? grant.scope;
    return this.userTokens({ ...grant, scope }, body);
  }

  private async clientGrant(body: Claims, clientId?: string): Promise<Reply> {
    if (!clientId) {
      return aadError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'client_id'.",
      );
    }
    const scope = text(body.scope);
    const claims = {
      sub: clientId,
      client_id: clientId,
      azp: clientId,
      tid: this.tenantId,
      scope,
    };
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: this.accessTokenLifetime,
        ext_expires_in: this.accessTokenLifetime,
        access_token: await this.sign(claims, this.accessTokenLifetime),
        ...(scope ? { scope } : {}),
      },
    };
  }

  private async userTokens(
    grant: Grant,
    body: Claims,
    nonce?: string,
  ): Promise<Reply> {
    const { user, clientId, scope } = grant;
    const oid = userObjectId(user);
    const refreshToken = randomUUID();
    this.refreshTokens.set(refreshToken, {
      ...grant,
      epoch: this.consentEpoch,
    });
    const access = {
      ...identityClaims(user),
      oid,
      tid: this.tenantId,
      client_id: clientId,
      azp: clientId,
      scope,
    };
    // Entra ID's shape: sub is opaque, the mailbox is preferred_username.
    const id = {
      aud: clientId,
      sub: oid,
      oid,
      tid: this.tenantId,
      preferred_username: user,
      email: user,
      name: user,
      ver: '2.0',
      nonce,
    };
    const reply: Claims = {
      token_type: 'Bearer',
      expires_in: this.accessTokenLifetime,
      ext_expires_in: this.accessTokenLifetime,
      access_token: await this.sign(access, this.accessTokenLifetime),
      refresh_token: refreshToken,
      ...(scope ? { scope } : {}),
    };
    // OpenID Connect: an id token only for the openid scope (MSAL always asks).
    if (scope?.split(' ').includes('openid'))
      reply.id_token = await this.sign(id, ID_TOKEN_LIFETIME_SECONDS);
    // MSAL asks for client_info=1 and keys its account cache on uid.utid.
    if (body.client_info === '1') {
      const info = JSON.stringify({ uid: oid, utid: this.tenantId });
      reply.client_info = Buffer.from(info).toString('base64url');
    }
    return { status: 200, body: reply };
  }

  private sign(claims: Claims, expiresIn: number): Promise<string> {
    return this.issuer.buildToken({
      expiresIn,
      scopesOrTransform: (_header, payload) => {
        // Unique like Entra ID's tokens: two issued in one second differ.
        payload.jti = randomUUID();
        for (const [key, value] of Object.entries(claims))
          if (value !== undefined) payload[key] = value;
      },
    });
  }
}
