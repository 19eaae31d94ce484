/** Protocols an incoming server can fetch mail with. */
export type IncomingProtocol = 'imap' | 'pop3' | 'ews' | 'graph' | 'smtp-push';
/** Protocols an outgoing server can send mail with. */
export type OutgoingProtocol = 'smtp' | 'ews' | 'graph';
/** Who hosts the mailbox; "microsoft" signs in with Microsoft and needs no host or port. */
export type EmailProvider = 'microsoft' | 'google' | 'other';
/** Transport security of a connection. */
export type SecurityType = 'none' | 'ssl' | 'starttls';
/** How the mailbox authenticates. */
export type AuthType = 'basic' | 'oauth';
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
  redirectUrl?: string;
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
  createdAt: string;
  updatedAt: string;
}

/** An incoming email server as the API returns it. */
export interface IncomingServer extends MailServerBase {
  protocol: IncomingProtocol;
  ewsUrl?: string;
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
}

/** An outgoing email server as the API returns it. */
export interface OutgoingServer extends MailServerBase {
  protocol: OutgoingProtocol;
  senderName?: string;
  authNeeded: boolean;
  replyTo?: string;
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
