import {
  DEFAULT_EWS_URL,
  DEFAULT_GRAPH_ENDPOINT,
  OAuthConsent,
} from '@internal/plugin-emails-common';
import { OAuthGrantRecord, MailServerRecord } from '../database';
import { ServerSecrets } from '../servers/secretFields';
import { OAuthFetch } from './http';
import { MicrosoftProvider } from './providers/microsoft';
import { OpenIdProvider } from './providers/openid';
import { OAuthClientSettings, OAuthProvider } from './providers/types';

type Settings = Record<string, any>;

/** True when the server signs in with OAuth (Sign in with Microsoft always does). */
export function usesOAuth(record: MailServerRecord): boolean {
  const s: Settings = record.settings;
  if (record.protocol === 'smtp-push') return false;
  if (record.protocol === 'smtp' && s.authNeeded === false) return false;
  return (
    s.provider === 'microsoft' ||
    s.authType === 'oauth' ||
    record.protocol === 'graph'
  );
}

/** True for app-only access (client credentials): no sign-in, no consent to keep. */
export function isAppOnly(record: MailServerRecord): boolean {
  return (
    (record.settings as Settings).oauth?.grantType === 'client-credentials'
  );
}

function appResource(record: MailServerRecord): string {
  const s: Settings = record.settings;
  if (record.protocol === 'graph') {
    return (s.graphEndpoint || DEFAULT_GRAPH_ENDPOINT).replace(/\/+$/, '');
  }
  return new URL(s.ewsUrl || DEFAULT_EWS_URL).origin;
}

/** The OAuth client settings of a stored server, its secret opened. */
export function clientSettings(
  record: MailServerRecord,
  secrets: ServerSecrets,
): OAuthClientSettings {
  const s: Settings = record.settings;
  const o: Settings = s.oauth ?? {};
  return {
    provider: s.provider ?? 'other',
    grantType: o.grantType ?? 'authorization-code',
    clientId: o.clientId ?? '',
    clientSecret: secrets.clientSecret ?? '',
    tenantId: o.tenantId,
    authorizationUrl: o.authorizationUrl ?? '',
    tokenUrl: o.tokenUrl ?? '',
    scope: o.scope ?? '',
    appResource: appResource(record),
  };
}

/** The provider client for these settings: MSAL for Microsoft, openid-client otherwise. */
export function providerFor(
  settings: OAuthClientSettings,
  fetchFn: OAuthFetch,
): OAuthProvider {
  return settings.provider === 'microsoft'
    ? new MicrosoftProvider(settings, fetchFn)
    : new OpenIdProvider(settings, fetchFn);
}

const SECRET_WARNING_DAYS = 14;

/** True from 14 days before the client secret's expiry date on. */
export function secretExpiresSoon(
  record: MailServerRecord,
  now = new Date(),
): boolean {
  const date = (record.settings as Settings).oauth?.clientSecretExpiresAt;
  if (!date) return false;
  const expires = Date.parse(`${date}T00:00:00Z`);
  return expires - now.getTime() <= SECRET_WARNING_DAYS * 86_400_000;
}

/** The card's view of a server's OAuth sign-in; undefined for servers without OAuth. */
export function consentView(
  record: MailServerRecord,
  grant: OAuthGrantRecord | undefined,
): OAuthConsent | undefined {
  if (!usesOAuth(record)) return undefined;
  let status = grant?.status ?? 'none';
  if (status === 'none' && isAppOnly(record)) status = 'active';
  return {
    status,
    account: grant?.account,
    consentedBy: grant?.consentedBy,
    consentedAt: grant?.consentedAt,
    accessTokenExpiresAt: grant?.accessTokenExpiresAt,
    failure: status === 'expired' ? grant?.failure : undefined,
    failedAt: status === 'expired' ? grant?.failedAt : undefined,
    clientSecretExpiresSoon: secretExpiresSoon(record),
  };
}
