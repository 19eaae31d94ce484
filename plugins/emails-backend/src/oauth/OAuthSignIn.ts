import { InputError } from '@backstage/errors';
import { MailDirection } from '@internal/plugin-emails-common';
import { createHash } from 'node:crypto';
import { randomPKCECodeVerifier, randomState } from 'openid-client';
import {
  ChangeContext,
  ConfigAuditRecorder,
} from '../audit/ConfigAuditRecorder';
import { SecretBox } from '../crypto/SecretBox';
import { Stores } from '../database';
import { MailServerService } from '../servers/MailServerService';
import {
  clientSettings,
  isAppOnly,
  providerFor,
  usesOAuth,
} from './clientSettings';
import { classifyTokenFailure } from './failures';
import { OAuthFetch } from './http';

/** A state is good for this long after the sign-in started. */
export const STATE_LIFETIME_MS = 10 * 60_000;

/** What a completed sign-in reports to the popup. */
export interface SignInResult {
  direction: MailDirection;
  serverId: string;
  serverName: string;
  account?: string;
}

/** A refused sign-in; names the server once the state told which one. */
export class SignInRefusedError extends InputError {
  constructor(
    message: string,
    readonly server?: { direction: MailDirection; serverId: string },
  ) {
    super(message);
  }
}

const REFUSALS = {
  unknown:
    'this portal did not start this sign-in (unknown state): start it again from the server',
  used: 'this sign-in was completed already (its state was used before): start a new one from the server',
  expired:
    'this sign-in took longer than 10 minutes: start it again from the server',
};

function hashOf(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

/**
 * The authorization code flow with PKCE and state: an admin starts it for
 * one server, the provider sends the browser back to the callback, which
 * takes the state once and stores the tokens.
 */
export class OAuthSignIn {
  constructor(
    private readonly deps: {
      stores: Stores;
      secrets: SecretBox;
      servers: Record<MailDirection, MailServerService>;
      fetch: OAuthFetch;
      audit: ConfigAuditRecorder;
      redirectUrl: string;
      /** After a sign-in: restart the mailbox, refresh the card. */
      onSignedIn?: (
        direction: MailDirection,
        serverId: string,
      ) => Promise<void>;
    },
  ) {}

  /** Starts a sign-in for a server; the answer is the URL the popup opens. */
  async start(
    direction: MailDirection,
    serverId: string,
    context: ChangeContext,
  ): Promise<{ authorizationUrl: string }> {
    const { record, secrets } = await this.deps.servers[direction].withSecrets(
      serverId,
    );
    if (!usesOAuth(record)) {
      throw new InputError(
        `Invalid sign-in: serverId names the ${direction} server "${record.name}", which does not use OAuth (authType is not oauth)`,
      );
    }
    if (isAppOnly(record)) {
      throw new InputError(
        `Invalid sign-in: the ${direction} server "${record.name}" uses app-only access (oauth.grantType client-credentials), which needs no sign-in`,
      );
    }
    const state = randomState();
    const codeVerifier = randomPKCECodeVerifier();
    await this.deps.stores.oauth.saveState(hashOf(state), {
      direction,
      serverId,
      actor: context.actor,
      verifier: this.deps.secrets.seal(codeVerifier),
    });
    await this.deps.stores.oauth.pruneStates(
      new Date(Date.now() - 24 * 3600_000),
    );
    const provider = providerFor(
      clientSettings(record, secrets),
      this.deps.fetch,
    );
    const authorizationUrl = await provider.authorizationUrl({
      state,
      codeVerifier,
      redirectUri: this.deps.redirectUrl,
    });
    return { authorizationUrl };
  }

  /**
   * Completes a sign-in from the callback's query. Refuses (InputError, a 400
   * page) a missing, unknown, used or expired state, and a provider's refusal.
   */
  async complete(query: URLSearchParams): Promise<SignInResult> {
    const state = query.get('state');
    if (!state) {
      throw new InputError(
        'Invalid sign-in: state is missing from the callback',
      );
    }
    const taken = await this.deps.stores.oauth.takeState(
      hashOf(state),
      STATE_LIFETIME_MS,
    );
    if ('refused' in taken) {
      throw new InputError(`Invalid sign-in: ${REFUSALS[taken.refused]}`);
    }
    const { direction, serverId, actor } = taken;
    const server = { direction, serverId };
    const { record, secrets } = await this.deps.servers[direction]
      .withSecrets(serverId)
      .catch(() => {
        throw new SignInRefusedError(
          'Invalid sign-in: the server it was started for no longer exists',
          server,
        );
      });
    const providerError = query.get('error');
    if (providerError) {
      throw new SignInRefusedError(
        `The provider refused the sign-in: ${providerError.slice(0, 100)}${
          query.get('error_description')
            ? ` (${query.get('error_description')!.slice(0, 300)})`
            : ''
        }`,
        server,
      );
    }
    const callbackUrl = new URL(this.deps.redirectUrl);
    query.forEach((value, name) => callbackUrl.searchParams.set(name, value));
    const provider = providerFor(
      clientSettings(record, secrets),
      this.deps.fetch,
    );
    let grant;
    try {
      grant = await provider.redeem({
        state,
        codeVerifier: this.deps.secrets.open<string>(taken.verifier),
        redirectUri: this.deps.redirectUrl,
        callbackUrl,
      });
    } catch (error) {
      const failure = classifyTokenFailure(error);
      throw new SignInRefusedError(
        `The sign-in could not be completed: ${failure.message}. ${failure.hint}`,
        server,
      );
    }
    // Without an ID token the provider names nobody: the grant serves the mailbox login.
    const settings = record.settings as Record<string, any>;
    const account = grant.account ?? (settings.username || record.email);
    const announce = await this.deps.stores.transaction(async tx => {
      await this.deps.stores.oauth.consent(
        direction,
        serverId,
        {
          tokens: this.deps.secrets.seal(grant.tokens),
          account,
          consentedBy: actor,
          accessTokenExpiresAt: grant.expiresAt,
        },
        tx,
      );
      return this.deps.audit.record(
        {
          action: 'sign-in',
          target: `${direction}-server`,
          targetId: serverId,
          targetName: record.name,
          changes: [{ field: 'oauth.consent', after: account ?? 'signed in' }],
        },
        { actor },
        tx,
      );
    });
    await announce();
    await this.deps.stores.health.signedIn(direction, serverId);
    await this.deps.onSignedIn?.(direction, serverId);
    return { direction, serverId, serverName: record.name, account };
  }
}
