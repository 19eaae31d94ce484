/** Protocols an incoming server can fetch mail with. */
export type IncomingProtocol = 'imap' | 'pop3' | 'ews' | 'graph' | 'smtp-push';
/** Protocols an outgoing server can send mail with. */
export type OutgoingProtocol = 'smtp' | 'ews' | 'graph';
/** Who hosts the mailbox; "microsoft" signs in with Microsoft and needs no host or port. */
export type EmailProvider = 'microsoft' | 'google' | 'other';
/** Transport security of a connection. */
export type SecurityType = 'none' | 'ssl' | 'starttls';
/** How the mailbox authenticates (NTLM: EWS only). */
export type AuthType = 'basic' | 'ntlm' | 'oauth';
/** Which way mail flows through a server. */
export type MailDirection = 'incoming' | 'outgoing';

/** OAuth settings of a mail server; the client secret is write-only. */
export interface OAuthSettings {
  clientId?: string;
  clientSecret?: string;
  tenantId?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  scope?: string;
  /** Read-only: `<backend base URL>/api/emails/oauth/callback`, to register at the provider. */
  redirectUrl?: string;
  /**
   * How tokens are obtained: an admin signs in (authorization code with PKCE,
   * the default), or the app acts on its own (client credentials; Microsoft
   * Graph and EWS only, no sign-in).
   */
  grantType?: OAuthGrantType;
  /** When the client secret expires (YYYY-MM-DD); the card warns from 14 days ahead. */
  clientSecretExpiresAt?: string;
}

/** How a server obtains OAuth tokens. */
export type OAuthGrantType = 'authorization-code' | 'client-credentials';

/** Where a server's OAuth sign-in stands, as its card shows it; never carries a token. */
export interface OAuthConsent {
  /** none: nobody signed in yet; active: tokens work; expired: an admin must sign in again. */
  status: 'none' | 'active' | 'expired';
  /** The mailbox account that consented, as the provider named it. */
  account?: string;
  /** The portal user who signed in (entity ref). */
  consentedBy?: string;
  consentedAt?: string;
  /** When the current access token expires; it is refreshed ahead of that. */
  accessTokenExpiresAt?: string;
  /** Why an admin must sign in again (expired consent, revoked consent, expired client secret). */
  failure?: string;
  failedAt?: string;
  /** True from 14 days before `oauth.clientSecretExpiresAt` on, and after it. */
  clientSecretExpiresSoon: boolean;
}

/** The Allow / Ignore filter of an incoming server; entries of a list are OR. */
export interface IncomingFilter {
  type: 'allow' | 'ignore';
  emails: string[];
  domains: string[];
  keywords: string[];
}

/** Mailbox folders an incoming server reads from and files messages into. */
export interface IncomingFolders {
  inbox: string;
  success?: string;
  fail?: string;
  exclusion?: string;
}

/** Fields common to incoming and outgoing servers. */
export interface MailServerBase {
  /** How the mailbox is doing; see ServerHealth. */
  health: ServerHealth;
  id: string;
  name: string;
  email: string;
  provider: EmailProvider;
  host?: string;
  port?: number;
  security?: SecurityType;
  authType?: AuthType;
  username?: string;
  oauth?: Omit<OAuthSettings, 'clientSecret'>;
  proxyId?: string;
  enabled: boolean;
  primary: boolean;
  /** Optimistic concurrency: a PUT must carry the version it read. */
  version: number;
  passwordSet: boolean;
  clientSecretSet: boolean;
  /** Present when the server signs in with OAuth. */
  oauthConsent?: OAuthConsent;
  createdAt: string;
  updatedAt: string;
}

/** An incoming email server as the API returns it. */
export interface IncomingServer extends MailServerBase {
  protocol: IncomingProtocol;
  /** Other addresses of the same mailbox; never counted as CC users. */
  aliases: string[];
  ewsUrl?: string;
  /** EWS: act as the mailbox through Exchange impersonation instead of delegate access. */
  ewsImpersonation: boolean;
  graphEndpoint?: string;
  technicianGroup?: string;
  category?: string;
  company?: string;
  outgoingServerId?: string;
  realTime: boolean;
  pollIntervalSeconds: number;
  filter?: IncomingFilter;
  folders: IncomingFolders;
  errorThreshold: number;
  deleteAfterFetch: boolean;
  /** On first connection: import existing mail since this time (ISO 8601); unset = only new mail. */
  importSince?: string;
  /** Progress of an import of existing mail, while one runs or after it ran. */
  importProgress?: { done: number; total: number };
  /** Set while fetching is paused after errorThreshold consecutive errors; an admin resumes it. */
  pausedReason?: string;
}

/** An outgoing email server as the API returns it. */
export interface OutgoingServer extends MailServerBase {
  protocol: OutgoingProtocol;
  senderName?: string;
  authNeeded: boolean;
  replyTo?: string;
  ewsUrl?: string;
  /** EWS: act as the mailbox through Exchange impersonation instead of delegate access. */
  ewsImpersonation: boolean;
  graphEndpoint?: string;
}

/** A proxy server that mail servers may connect through. */
export interface ProxyServer {
  id: string;
  name: string;
  protocol: 'http' | 'socks5';
  host: string;
  port: number;
  username?: string;
  passwordSet: boolean;
  version: number;
}

/** Answer of the unauthenticated health route. */
export interface EmailsHealth {
  status: 'ok';
}

/** How a mailbox is doing, as its card shows it. */
export interface ServerHealth {
  status:
    | 'reachable'
    | 'unreachable'
    | 'paused'
    | 'auth-expired'
    | 'disabled'
    | 'unknown';
  lastSyncAt?: string;
  lastSuccessAt?: string;
  inboundQueue: number;
  /**
   * Incoming servers: listed messages still on the mail server, not handled
   * yet (part of inboundQueue). The backend always sets it; optional so
   * health objects written before it keep their type.
   */
  waitingOnServer?: number;
  consecutiveFailures: number;
  lastError?: string;
  tokenExpiresAt?: string;
}

/** The stages of Test Connection, in order. */
export type ConnectionStageName = 'dns' | 'tcp' | 'tls' | 'auth' | 'protocol';

/** One stage of Test Connection. */
export interface ConnectionStage {
  stage: ConnectionStageName;
  ok: boolean;
  /** Milliseconds the stage took. */
  ms: number;
  message: string;
  /** On failure: what to check (seed 001's troubleshooting table). */
  hint?: string;
  /** Set when the stage does not apply (no TLS with security "none"). */
  skipped?: boolean;
}

/** The answer of Test Connection. */
export interface ConnectionTestResult {
  ok: boolean;
  stages: ConnectionStage[];
  /** For an outgoing test with `to`: the Message-ID of the test mail sent. */
  sentMessageId?: string;
}

/** What Fetch a sample mail returns: the oldest message and what it would become. */
export interface SampleMail {
  /** False when the mailbox is empty. */
  found: boolean;
  messageId?: string;
  date?: string;
  from?: string;
  to: string[];
  cc: string[];
  subject?: string;
  sizeBytes?: number;
  /** Plain-text excerpt of the body (first 2,000 characters). */
  textExcerpt?: string;
  attachments: { filename: string; contentType: string; sizeBytes: number }[];
  /** The ticket it would create. */
  ticket?: {
    title: string;
    requester: string;
    technicianGroup?: string;
    category?: string;
  };
}

/** One entry of the configuration audit trail. */
export interface ConfigAuditEntry {
  id: string;
  at: string;
  actor: string;
  /** sign-in: an admin consented; sign-in-expired: a refresh failed for good; secret-expiring: the client secret expires within 14 days; health-alert / health-recovered: the admins were told a server failed or works again. */
  action:
    | 'create'
    | 'update'
    | 'delete'
    | 'sign-in'
    | 'sign-in-expired'
    | 'secret-expiring'
    | 'health-alert'
    | 'health-recovered';
  /** incoming-server, outgoing-server, proxy or preferences. */
  target: string;
  targetId: string;
  targetName?: string;
  /** Changed fields, before and after; secrets show as "(changed)". */
  changes: { field: string; before?: unknown; after?: unknown }[];
}
