import {
  AuthType,
  DEFAULT_ERROR_THRESHOLD,
  DEFAULT_POLL_INTERVAL_SECONDS,
  defaultPort,
  EmailProvider,
  IncomingProtocol,
  IncomingServer,
  MailDirection,
  OAuthGrantType,
  OutgoingProtocol,
  OutgoingServer,
  SecurityType,
} from '@internal/plugin-emails-common';
import { joinList } from '../common/lists';

/** A mail server of either direction, as the API returns it. */
export type MailServer = IncomingServer | OutgoingServer;

/** Filter Type as the form offers it: "none" means no filter. */
export type FilterChoice = 'none' | 'allow' | 'ignore';

/**
 * What the Add/Edit drawer edits. Text fields hold what the admin typed;
 * the keys are the API's field paths, so API errors land on their field.
 */
export interface ServerDraft {
  direction: MailDirection;
  name: string;
  email: string;
  aliases: string;
  provider: EmailProvider;
  protocol: IncomingProtocol | OutgoingProtocol;
  host: string;
  port: string;
  /** The admin typed the port: protocol and security changes keep it. */
  portTouched: boolean;
  security: SecurityType;
  authNeeded: boolean;
  authType: AuthType;
  username: string;
  password: string;
  'oauth.clientId': string;
  'oauth.clientSecret': string;
  'oauth.tenantId': string;
  'oauth.authorizationUrl': string;
  'oauth.tokenUrl': string;
  'oauth.scope': string;
  /** Read-only: shown to be registered at the provider, never sent. */
  'oauth.redirectUrl': string;
  'oauth.grantType': OAuthGrantType;
  'oauth.clientSecretExpiresAt': string;
  ewsUrl: string;
  /**
   * EWS: the account acts as the mailbox through Exchange impersonation
   * instead of delegate (Full Access) rights. App-only access always does.
   */
  ewsImpersonation: boolean;
  graphEndpoint: string;
  technicianGroup: string;
  category: string;
  company: string;
  proxyId: string;
  outgoingServerId: string;
  enabled: boolean;
  primary: boolean;
  realTime: boolean;
  pollIntervalSeconds: string;
  'filter.type': FilterChoice;
  'filter.emails': string;
  'filter.domains': string;
  'filter.keywords': string;
  'folders.inbox': string;
  'folders.success': string;
  'folders.fail': string;
  'folders.exclusion': string;
  errorThreshold: string;
  deleteAfterFetch: boolean;
  senderName: string;
  replyTo: string;
}

/** A field of the drawer, named by its API path. */
export type FieldKey = Exclude<keyof ServerDraft, 'direction' | 'portTouched'>;

/** The drawer's content for a new server. */
export function emptyDraft(direction: MailDirection): ServerDraft {
  const protocol = direction === 'incoming' ? 'imap' : 'smtp';
  const security: SecurityType = direction === 'incoming' ? 'ssl' : 'starttls';
  return {
    direction,
    ...blankTexts(),
    provider: 'other',
    protocol,
    port: String(defaultPort(protocol, security) ?? ''),
    portTouched: false,
    security,
    authNeeded: true,
    authType: 'basic',
    'oauth.grantType': 'authorization-code',
    ewsImpersonation: false,
    enabled: true,
    primary: false,
    realTime: false,
    pollIntervalSeconds: String(DEFAULT_POLL_INTERVAL_SECONDS),
    'filter.type': 'none',
    'folders.inbox': 'INBOX',
    errorThreshold: String(DEFAULT_ERROR_THRESHOLD),
    deleteAfterFetch: false,
  };
}

function blankTexts() {
  return {
    name: '',
    email: '',
    aliases: '',
    host: '',
    username: '',
    password: '',
    'oauth.clientId': '',
    'oauth.clientSecret': '',
    'oauth.tenantId': '',
    'oauth.authorizationUrl': '',
    'oauth.tokenUrl': '',
    'oauth.scope': '',
    'oauth.redirectUrl': '',
    'oauth.clientSecretExpiresAt': '',
    ewsUrl: '',
    graphEndpoint: '',
    technicianGroup: '',
    category: '',
    company: '',
    proxyId: '',
    outgoingServerId: '',
    'filter.emails': '',
    'filter.domains': '',
    'filter.keywords': '',
    'folders.success': '',
    'folders.fail': '',
    'folders.exclusion': '',
    senderName: '',
    replyTo: '',
  };
}

/** True when the draft differs from what the server holds; a typed secret counts. */
export function hasChanges(draft: ServerDraft, server: MailServer): boolean {
  const stored = draftFromServer(server, draft.direction);
  return (Object.keys(draft) as (keyof ServerDraft)[]).some(
    key => key !== 'portTouched' && draft[key] !== stored[key],
  );
}

const text = (value: unknown) =>
  value === undefined || value === null ? '' : String(value);

/** The drawer's content for editing a server; secrets stay empty. */
export function draftFromServer(
  server: MailServer,
  direction: MailDirection,
): ServerDraft {
  // Fields the API may return although the shared types do not list them yet.
  const s = server as Partial<IncomingServer> &
    Partial<OutgoingServer> & { aliases?: string[] } & MailServer;
  const base = emptyDraft(direction);
  const security = s.security ?? base.security;
  const auto = defaultPort(s.protocol, security);
  return {
    ...base,
    ...connectionOf(s),
    protocol: s.protocol,
    security,
    port: s.port === undefined || s.port === null ? '' : String(s.port),
    portTouched: s.port !== undefined && s.port !== null && s.port !== auto,
    ...(direction === 'incoming' ? incomingOf(s) : outgoingOf(s)),
  };
}

function connectionOf(s: MailServer) {
  return {
    name: text(s.name),
    email: text(s.email),
    provider: s.provider ?? 'other',
    host: text(s.host),
    authType: s.authType ?? 'basic',
    username: text(s.username),
    'oauth.clientId': text(s.oauth?.clientId),
    'oauth.tenantId': text(s.oauth?.tenantId),
    'oauth.authorizationUrl': text(s.oauth?.authorizationUrl),
    'oauth.tokenUrl': text(s.oauth?.tokenUrl),
    'oauth.scope': text(s.oauth?.scope),
    'oauth.redirectUrl': text(s.oauth?.redirectUrl),
    'oauth.grantType': s.oauth?.grantType ?? 'authorization-code',
    'oauth.clientSecretExpiresAt': text(s.oauth?.clientSecretExpiresAt),
    ewsImpersonation: s.ewsImpersonation ?? false,
    proxyId: text(s.proxyId),
    enabled: s.enabled ?? true,
    primary: s.primary ?? false,
  };
}

function incomingOf(s: Partial<IncomingServer> & { aliases?: string[] }) {
  return {
    aliases: joinList(s.aliases),
    ewsUrl: text(s.ewsUrl),
    graphEndpoint: text(s.graphEndpoint),
    technicianGroup: text(s.technicianGroup),
    category: text(s.category),
    company: text(s.company),
    outgoingServerId: text(s.outgoingServerId),
    realTime: s.realTime ?? false,
    pollIntervalSeconds: text(
      s.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS,
    ),
    'filter.type': (s.filter?.type ?? 'none') as FilterChoice,
    'filter.emails': joinList(s.filter?.emails),
    'filter.domains': joinList(s.filter?.domains),
    'filter.keywords': joinList(s.filter?.keywords),
    'folders.inbox': text(s.folders?.inbox ?? 'INBOX'),
    'folders.success': text(s.folders?.success),
    'folders.fail': text(s.folders?.fail),
    'folders.exclusion': text(s.folders?.exclusion),
    errorThreshold: text(s.errorThreshold ?? DEFAULT_ERROR_THRESHOLD),
    deleteAfterFetch: s.deleteAfterFetch ?? false,
  };
}

function outgoingOf(s: Partial<OutgoingServer> & { ewsUrl?: string }) {
  return {
    ewsUrl: text(s.ewsUrl),
    graphEndpoint: text((s as { graphEndpoint?: string }).graphEndpoint),
    senderName: text(s.senderName),
    authNeeded: s.authNeeded ?? true,
    replyTo: text(s.replyTo),
  };
}
