import {
  DEFAULT_ERROR_THRESHOLD,
  DEFAULT_POLL_INTERVAL_SECONDS,
  IncomingServer,
  MailServerBase,
  OutgoingServer,
} from '@internal/plugin-emails-common';
import { ServerHealth } from '@internal/plugin-emails-common';
import {
  MailServerRecord,
  OAuthGrantRecord,
  StoredHealth,
  unknownHealth,
} from '../database';
import { consentView } from '../oauth/clientSettings';

/** What a server's view adds from OAuth: the sign-in and the Redirect URL to register. */
export interface OAuthViewContext {
  grant?: OAuthGrantRecord;
  redirectUrl?: string;
}

type Settings = Record<string, any>;

/** Names of the write-only fields that hold a value, kept beside the encrypted blob. */
function secretsSet(settings: Settings): Set<string> {
  return new Set<string>(settings.secretFields ?? []);
}

function baseView(
  record: MailServerRecord,
  health: ServerHealth,
  oauth: OAuthViewContext,
): MailServerBase {
  const s: Settings = record.settings;
  const set = secretsSet(s);
  const oauthConsent = consentView(record, oauth.grant);
  return {
    health: {
      ...health,
      tokenExpiresAt:
        oauthConsent?.accessTokenExpiresAt ?? health.tokenExpiresAt,
    },
    id: record.id,
    name: record.name,
    email: record.email,
    provider: s.provider ?? 'other',
    host: s.host,
    port: s.port,
    security: s.security,
    authType: s.authType,
    username: s.username,
    oauth:
      s.oauth || oauthConsent
        ? { ...s.oauth, redirectUrl: oauth.redirectUrl ?? s.oauth?.redirectUrl }
        : undefined,
    proxyId: record.proxyId,
    enabled: record.enabled,
    primary: record.primary,
    version: record.version,
    passwordSet: set.has('password'),
    clientSecretSet: set.has('clientSecret'),
    ...(oauthConsent ? { oauthConsent } : {}),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** The API view of a stored incoming server: no secret, defaults applied. */
export function toIncomingServer(
  record: MailServerRecord,
  stored: StoredHealth = unknownHealth(),
  oauth: OAuthViewContext = {},
): IncomingServer {
  const s: Settings = record.settings;
  // The mailbox state travels with the health row but the card shows it on the server.
  const { pausedReason, importProgress, ...health } = stored;
  return {
    ...baseView(record, health, oauth),
    aliases: s.aliases ?? [],
    protocol: record.protocol as IncomingServer['protocol'],
    ewsUrl: s.ewsUrl,
    ewsImpersonation: s.ewsImpersonation ?? false,
    graphEndpoint: s.graphEndpoint,
    technicianGroup: record.technicianGroup,
    category: s.category,
    company: s.company,
    outgoingServerId: record.outgoingServerId,
    realTime: s.realTime ?? false,
    pollIntervalSeconds: s.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS,
    filter: s.filter,
    folders: { inbox: 'INBOX', ...s.folders },
    errorThreshold: s.errorThreshold ?? DEFAULT_ERROR_THRESHOLD,
    deleteAfterFetch: s.deleteAfterFetch ?? false,
    importSince: s.importSince,
    importProgress,
    pausedReason,
  };
}

/** The API view of a stored outgoing server: no secret, defaults applied. */
export function toOutgoingServer(
  record: MailServerRecord,
  stored: StoredHealth = unknownHealth(),
  oauth: OAuthViewContext = {},
): OutgoingServer {
  const s: Settings = record.settings;
  const { pausedReason: _p, importProgress: _i, ...health } = stored;
  return {
    ...baseView(record, health, oauth),
    ewsUrl: s.ewsUrl,
    ewsImpersonation: s.ewsImpersonation ?? false,
    graphEndpoint: s.graphEndpoint,
    protocol: record.protocol as OutgoingServer['protocol'],
    senderName: s.senderName,
    authNeeded: s.authNeeded ?? true,
    replyTo: s.replyTo,
  };
}

/**
 * Health with the card's Inbound Queue: the mail still waiting on the mail
 * server plus the messages the pipeline has still to finish.
 */
export function withInboundQueue(
  health: StoredHealth | undefined,
  inPipeline: number | undefined,
): StoredHealth | undefined {
  if (!health && !inPipeline) return undefined;
  const base = health ?? unknownHealth();
  return {
    ...base,
    inboundQueue: (base.waitingOnServer ?? 0) + (inPipeline ?? 0),
  };
}
