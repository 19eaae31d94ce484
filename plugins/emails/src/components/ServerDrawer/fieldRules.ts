import {
  AuthType,
  DEFAULT_EWS_URL,
  DEFAULT_GRAPH_ENDPOINT,
  defaultPort,
  defaultScope,
  EmailProvider,
  OAUTH_ENDPOINTS,
} from '@internal/plugin-emails-common';
import { FieldKey, ServerDraft } from './draft';
import { ntlmOffered, protocolChoices } from './options';

const MAIL_PROTOCOLS = ['imap', 'pop3', 'smtp'];
const FOLDER_PROTOCOLS = ['imap', 'ews', 'graph'];

/** True when the admin enters Server, Port and Security Type (not Microsoft, not HTTPS APIs). */
export function hasServerAddress(d: ServerDraft): boolean {
  return d.provider !== 'microsoft' && MAIL_PROTOCOLS.includes(d.protocol);
}

/** True when the outgoing "Authentication Needed" switch applies (plain SMTP). */
export function authNeededChoosable(d: ServerDraft): boolean {
  return (
    d.direction === 'outgoing' &&
    d.provider !== 'microsoft' &&
    d.protocol === 'smtp'
  );
}

/** True when the server signs in at all. */
export function authApplies(d: ServerDraft): boolean {
  if (d.protocol === 'smtp-push') return false;
  return authNeededChoosable(d) ? d.authNeeded : true;
}

/**
 * The Email Auth Type in force: Microsoft and Graph imply OAuth; undefined
 * when the server does not sign in. POP3 takes either (SASL XOAUTH2); NTLM
 * is for EWS only and reads as Basic Auth elsewhere.
 */
export function effectiveAuthType(d: ServerDraft): AuthType | undefined {
  if (!authApplies(d)) return undefined;
  if (d.provider === 'microsoft' || d.protocol === 'graph') return 'oauth';
  if (d.authType === 'ntlm' && !ntlmOffered(d.protocol)) return 'basic';
  return d.authType;
}

/** True when the admin picks the Email Auth Type. */
export function authTypeChoosable(d: ServerDraft): boolean {
  return authApplies(d) && d.provider !== 'microsoft' && d.protocol !== 'graph';
}

/** The fields the drawer shows for a draft, in no particular order. */
export function visibleFields(d: ServerDraft): Set<FieldKey> {
  const fields: FieldKey[] = ['name', 'email', 'provider', 'protocol'];
  fields.push('proxyId', 'enabled', 'primary');
  if (hasServerAddress(d)) fields.push('host', 'port', 'security');
  if (d.protocol === 'ews') fields.push('ewsUrl', 'ewsImpersonation');
  if (d.protocol === 'graph') fields.push('graphEndpoint');
  fields.push(...authFields(d));
  fields.push(
    ...(d.direction === 'incoming' ? incomingFields(d) : outgoingFields(d)),
  );
  return new Set(fields);
}

function authFields(d: ServerDraft): FieldKey[] {
  const fields: FieldKey[] = [];
  if (authNeededChoosable(d)) fields.push('authNeeded');
  if (authTypeChoosable(d)) fields.push('authType');
  const authType = effectiveAuthType(d);
  if (authType) fields.push('username');
  if (authType === 'basic' || authType === 'ntlm') fields.push('password');
  if (authType === 'oauth') {
    fields.push('oauth.clientId', 'oauth.clientSecret');
    if (d.provider !== 'google') fields.push('oauth.tenantId');
    fields.push('oauth.authorizationUrl', 'oauth.tokenUrl');
    fields.push('oauth.scope', 'oauth.redirectUrl');
    fields.push('oauth.clientSecretExpiresAt');
    if (appOnlyChoosable(d)) fields.push('oauth.grantType');
  }
  return fields;
}

/** True when app-only access (client credentials) may be chosen: Microsoft Graph and EWS. */
export function appOnlyChoosable(d: ServerDraft): boolean {
  return d.provider === 'microsoft' && ['ews', 'graph'].includes(d.protocol);
}

/** True when the draft signs in with app-only access (OAuth client credentials). */
export function usesAppOnlyAccess(d: ServerDraft): boolean {
  return (
    effectiveAuthType(d) === 'oauth' &&
    appOnlyChoosable(d) &&
    d['oauth.grantType'] === 'client-credentials'
  );
}

/** True when the draft signs in with OAuth and an admin's consent (not app-only). */
export function signsInWithConsent(d: ServerDraft): boolean {
  return effectiveAuthType(d) === 'oauth' && !usesAppOnlyAccess(d);
}

/**
 * True when an EWS server reaches its mailbox through Exchange impersonation:
 * the admin's choice, except that app-only access always impersonates.
 * False for every other protocol.
 */
export function ewsImpersonationInForce(d: ServerDraft): boolean {
  if (d.protocol !== 'ews') return false;
  return usesAppOnlyAccess(d) || d.ewsImpersonation;
}

function incomingFields(d: ServerDraft): FieldKey[] {
  const fields: FieldKey[] = ['aliases', 'technicianGroup', 'category'];
  fields.push('company', 'outgoingServerId', 'filter.type');
  if (d['filter.type'] !== 'none') {
    fields.push('filter.emails', 'filter.domains', 'filter.keywords');
  }
  if (d.protocol !== 'smtp-push') {
    fields.push('pollIntervalSeconds', 'errorThreshold');
  }
  // IMAP IDLE, a short poll of Graph's delta link, or an EWS pull subscription.
  if (['imap', 'ews', 'graph'].includes(d.protocol)) fields.push('realTime');
  if (d.protocol === 'pop3') fields.push('deleteAfterFetch');
  if (FOLDER_PROTOCOLS.includes(d.protocol)) {
    fields.push('folders.inbox', 'folders.success');
    fields.push('folders.fail', 'folders.exclusion');
  }
  return fields;
}

function outgoingFields(_d: ServerDraft): FieldKey[] {
  return ['senderName', 'replyTo'];
}

// Fields whose change moves the defaults of others (port, scope, URLs).
const DEFAULT_DRIVERS: (keyof ServerDraft)[] = [
  'provider',
  'protocol',
  'security',
  'authType',
  'authNeeded',
  'oauth.tenantId',
];

/**
 * Changes one field and what follows from it: the protocol is kept within
 * what the provider offers, and defaulted fields (Port, Scope, Authorization
 * and Token URL, EWS URL, Graph Endpoint) follow unless the admin set them.
 */
export function changeField<K extends FieldKey>(
  draft: ServerDraft,
  key: K,
  value: ServerDraft[K],
): ServerDraft {
  const next: ServerDraft = { ...draft, [key]: value };
  if (key === 'port') {
    // Clearing the port hands it back to the automatic default.
    next.portTouched = value !== '';
    return next;
  }
  if (!DEFAULT_DRIVERS.includes(key)) return next;
  const offered = protocolChoices(next.direction, next.provider);
  if (!offered.some(p => p.value === next.protocol)) {
    next.protocol = offered[0].value;
  }
  // NTLM is for EWS only: another protocol falls back to Basic Auth.
  if (next.authType === 'ntlm' && !ntlmOffered(next.protocol)) {
    next.authType = 'basic';
  }
  return withDefaults(draft, next);
}

type Defaulted =
  | 'oauth.scope'
  | 'oauth.authorizationUrl'
  | 'oauth.tokenUrl'
  | 'ewsUrl'
  | 'graphEndpoint';

/** The value each defaulted field takes for a draft, or '' when none. */
export function defaultsOf(d: ServerDraft): Record<Defaulted, string> {
  // An Exchange or Graph mailbox signs in at Azure whoever hosts it.
  const oauthProvider: EmailProvider =
    d.provider === 'other' && ['ews', 'graph'].includes(d.protocol)
      ? 'microsoft'
      : d.provider;
  const endpoints = OAUTH_ENDPOINTS[oauthProvider];
  const tenant = d['oauth.tenantId'].trim() || 'common';
  return {
    'oauth.scope': defaultScope(oauthProvider, d.protocol, d.direction) ?? '',
    'oauth.authorizationUrl':
      endpoints?.authorizationUrl.replace('{tenant}', tenant) ?? '',
    'oauth.tokenUrl': endpoints?.tokenUrl.replace('{tenant}', tenant) ?? '',
    ewsUrl:
      d.protocol === 'ews' && d.provider === 'microsoft' ? DEFAULT_EWS_URL : '',
    graphEndpoint: d.protocol === 'graph' ? DEFAULT_GRAPH_ENDPOINT : '',
  };
}

function withDefaults(prev: ServerDraft, next: ServerDraft): ServerDraft {
  const before = defaultsOf(prev);
  const after = defaultsOf(next);
  const result = { ...next };
  for (const key of Object.keys(after) as Defaulted[]) {
    // Replace only what is empty or still the old default: the admin's own value stays.
    if (result[key] === '' || result[key] === before[key]) {
      result[key] = after[key];
    }
  }
  if (!result.portTouched) {
    result.port = String(defaultPort(result.protocol, result.security) ?? '');
  }
  return result;
}
