import {
  IncomingProtocol,
  OutgoingProtocol,
  OAuthSettings,
} from '@internal/plugin-emails-common';
import { IncomingServerDraft, OutgoingServerDraft } from '../../api/EmailsApi';
import { splitList } from '../common/lists';
import { FieldKey, MailServer, ServerDraft } from './draft';
import {
  authNeededChoosable,
  effectiveAuthType,
  ewsImpersonationInForce,
  visibleFields,
} from './fieldRules';

/** The body of a create or update request. */
export type ServerRequestBody = IncomingServerDraft | OutgoingServerDraft;

type Body = Record<string, unknown>;

const TEXT_FIELDS: FieldKey[] = [
  'name',
  'email',
  'host',
  'security',
  'username',
  'ewsUrl',
  'graphEndpoint',
  'technicianGroup',
  'category',
  'company',
  'proxyId',
  'outgoingServerId',
  'senderName',
  'replyTo',
];
const FLAG_FIELDS: FieldKey[] = [
  'enabled',
  'primary',
  'realTime',
  'deleteAfterFetch',
];
const NUMBER_FIELDS: FieldKey[] = [
  'port',
  'pollIntervalSeconds',
  'errorThreshold',
];

/**
 * The request body for a draft: only the fields the drawer shows (a hidden
 * field is cleared by the update), implied settings made explicit, secrets
 * only when typed (an omitted secret keeps the stored one), and the version
 * of the loaded server for optimistic locking.
 */
export function toRequestBody(
  draft: ServerDraft,
  loaded?: MailServer,
): ServerRequestBody {
  const shown = visibleFields(draft);
  const body: Body = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined && value !== '') body[key] = value;
  };
  const textOf = (key: FieldKey) =>
    shown.has(key) ? String(draft[key]).trim() : undefined;
  for (const key of TEXT_FIELDS) put(key, textOf(key));
  for (const key of FLAG_FIELDS) if (shown.has(key)) put(key, draft[key]);
  for (const key of NUMBER_FIELDS) put(key, numberOf(textOf(key)));
  if (shown.has('aliases')) body.aliases = splitList(draft.aliases);
  put('protocol', draft.protocol as IncomingProtocol | OutgoingProtocol);
  put('provider', draft.provider);
  put('authType', effectiveAuthType(draft));
  // EWS only (the API refuses it elsewhere); app-only access always impersonates.
  if (shown.has('ewsImpersonation')) {
    body.ewsImpersonation = ewsImpersonationInForce(draft);
  }
  if (draft.direction === 'outgoing') {
    body.authNeeded = authNeededChoosable(draft) ? draft.authNeeded : true;
  }
  if (shown.has('password') && draft.password !== '') {
    body.password = draft.password;
  }
  put('oauth', oauthOf(draft, shown));
  put('filter', filterOf(draft, shown));
  put('folders', foldersOf(draft, shown));
  if (loaded) body.version = loaded.version;
  return body as ServerRequestBody;
}

// A number stays a number; anything else goes as typed so the API names the field.
function numberOf(value: string | undefined): unknown {
  if (value === undefined || value === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

// No redirectUrl: it is the backend's own callback, shown but never sent.
const OAUTH_KEYS: (keyof OAuthSettings)[] = [
  'clientId',
  'tenantId',
  'authorizationUrl',
  'tokenUrl',
  'scope',
  'clientSecretExpiresAt',
];

function oauthOf(d: ServerDraft, shown: Set<FieldKey>) {
  if (!shown.has('oauth.clientId')) return undefined;
  const oauth: Body = {};
  for (const key of OAUTH_KEYS) {
    const field = `oauth.${key}` as FieldKey;
    const value = String(d[field]).trim();
    if (shown.has(field) && value) oauth[key] = value;
  }
  if (d['oauth.clientSecret'] !== '') {
    oauth.clientSecret = d['oauth.clientSecret'];
  }
  if (shown.has('oauth.grantType')) oauth.grantType = d['oauth.grantType'];
  return oauth;
}

function filterOf(d: ServerDraft, shown: Set<FieldKey>) {
  if (!shown.has('filter.type') || d['filter.type'] === 'none') {
    return undefined;
  }
  return {
    type: d['filter.type'],
    emails: splitList(d['filter.emails']),
    domains: splitList(d['filter.domains']),
    keywords: splitList(d['filter.keywords']),
  };
}

function foldersOf(d: ServerDraft, shown: Set<FieldKey>) {
  if (!shown.has('folders.inbox')) return undefined;
  const folders: Body = { inbox: d['folders.inbox'].trim() || 'INBOX' };
  for (const key of ['success', 'fail', 'exclusion'] as const) {
    const value = d[`folders.${key}`].trim();
    if (value) folders[key] = value;
  }
  return folders;
}
