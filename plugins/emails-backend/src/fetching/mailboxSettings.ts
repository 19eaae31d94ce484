import { IncomingFolders } from '@internal/plugin-emails-common';
import { MailServerRecord } from '../database';
import { ImapFetcher } from '../mail/imap/ImapFetcher';
import { ImapFetcherAuth } from '../mail/imap/imapClient';
import { DEFAULT_GRAPH_ENDPOINT } from '@internal/plugin-emails-common';
import { MessageNumberStore } from '../database';
import { GraphClient } from '../mail/graph/graphClient';
import { GraphFetcher } from '../mail/graph/GraphFetcher';
import { MessageNumbers } from '../mail/numberedMessages';
import { MailFetcher } from '../mail/MailFetcher';
import { EwsFetcher } from '../mail/ews/EwsFetcher';
import { EwsSession } from '../mail/ews/ewsSession';
import { ewsTarget } from '../mail/ews/ewsTarget';
import { OAuthFetch } from '../oauth/http';
import { Pop3Fetcher, Pop3FetcherOptions } from '../mail/pop3/Pop3Fetcher';
import { usesOAuth } from '../oauth/clientSettings';
import { MailSecurity } from '../mail/types';
import { ServerSecrets } from '../servers/secretFields';
import { toIncomingServer } from '../service/serverView';

/** What fetching needs of an incoming server, defaults applied. */
export interface MailboxSettings {
  serverId: string;
  name: string;
  protocol: string;
  enabled: boolean;
  folders: IncomingFolders;
  realTime: boolean;
  pollIntervalSeconds: number;
  errorThreshold: number;
  /** First connection: import existing mail received since then; unset = only new mail. */
  importSince?: Date;
}

/** The fetching view of a stored incoming server (defaults as the API shows them). */
export function mailboxSettings(record: MailServerRecord): MailboxSettings {
  const view = toIncomingServer(record);
  return {
    serverId: record.id,
    name: record.name,
    protocol: record.protocol,
    enabled: record.enabled,
    folders: view.folders,
    realTime: view.realTime,
    pollIntervalSeconds: view.pollIntervalSeconds,
    errorThreshold: view.errorThreshold,
    importSince: view.importSince ? new Date(view.importSince) : undefined,
  };
}

/** Opens a connection-to-be to an incoming server's mailbox. */
export type FetcherFactory = (
  record: MailServerRecord,
  secrets: ServerSecrets,
) => MailFetcher;

// "Sign in with Microsoft" has no host or port of its own (seed 001).
const MICROSOFT_IMAP = {
  host: 'outlook.office365.com',
  port: 993,
  security: 'ssl' as MailSecurity,
};

/** A fresh OAuth access token for a connection to an incoming server. */
export type OAuthTokenSource = (serverId: string) => Promise<string>;

function imapAuth(
  record: MailServerRecord,
  secrets: ServerSecrets,
  oauthToken: OAuthTokenSource | undefined,
): ImapFetcherAuth {
  const s = record.settings as Record<string, any>;
  const username: string = s.username || record.email;
  if (usesOAuth(record)) {
    return {
      type: 'oauth',
      username,
      token: oauthToken && (() => oauthToken(record.id)),
    };
  }
  return { type: 'basic', username, password: secrets.password ?? '' };
}

/** What every fetcher factory takes. */
export interface FetcherFactoryOptions {
  ca?: string[];
  /** HTTPS for Microsoft Graph mailboxes (trusting `ca`). */
  graphFetch?: OAuthFetch;
  maxMessageBytes?: number;
  /** Access tokens of OAuth mailboxes (OAuthTokens); without it they cannot sign in. */
  oauthToken?: OAuthTokenSource;
}

/** The IMAP fetcher factory, trusting `ca` besides the system's CAs. */
export function imapFetcherFactory(
  options: FetcherFactoryOptions,
): FetcherFactory {
  return (record, secrets) => {
    const s = record.settings as Record<string, any>;
    const endpoint =
      s.provider === 'microsoft'
        ? MICROSOFT_IMAP
        : { host: s.host, port: s.port, security: s.security };
    return new ImapFetcher({
      ...endpoint,
      auth: imapAuth(record, secrets, options.oauthToken),
      ca: options.ca?.length ? options.ca : undefined,
      maxMessageBytes: options.maxMessageBytes,
    });
  };
}

/** The POP3 fetcher factory; UIDLs get their numbers from `uids`. */
export function pop3FetcherFactory(
  options: FetcherFactoryOptions & { uids: Pop3FetcherOptions['uids'] },
): FetcherFactory {
  return (record, secrets) => {
    const s = record.settings as Record<string, any>;
    const auth = imapAuth(record, secrets, options.oauthToken);
    return new Pop3Fetcher({
      serverId: record.id,
      target: {
        protocol: 'pop3',
        host: s.host,
        port: s.port,
        security: s.security,
      },
      auth: auth.type === 'basic' ? auth : { ...auth, type: 'oauth' },
      uids: options.uids,
      deleteAfterFetch: s.deleteAfterFetch === true,
      ca: options.ca?.length ? options.ca : undefined,
      maxMessageBytes: options.maxMessageBytes,
    });
  };
}

/** The Microsoft Graph fetcher factory; ids get their numbers from `numbers`. */
export function graphFetcherFactory(
  options: FetcherFactoryOptions & {
    numbers: MessageNumbers;
    /** How often Real Time Scanning polls the delta link; default 15 s. */
    pollMs?: number;
  },
): FetcherFactory {
  return record => {
    const s = record.settings as Record<string, any>;
    const endpoint = (s.graphEndpoint || DEFAULT_GRAPH_ENDPOINT).replace(
      /\/+$/,
      '',
    );
    const oauthToken = options.oauthToken;
    return new GraphFetcher({
      serverId: record.id,
      numbers: options.numbers,
      pollMs: options.pollMs,
      client: new GraphClient({
        base: `${endpoint}/v1.0/users/${encodeURIComponent(record.email)}`,
        token: async () => {
          if (!oauthToken) throw new Error('OAuth is not available');
          return oauthToken(record.id);
        },
        fetch: options.graphFetch ?? fetch,
      }),
    });
  };
}

/** The Exchange Web Services fetcher factory; item ids get their numbers from `numbers`. */
export function ewsFetcherFactory(
  options: FetcherFactoryOptions & {
    numbers: MessageNumbers;
    /** How often Real Time Scanning asks its pull subscription for events; default 5 s. */
    pollMs?: number;
  },
): FetcherFactory {
  return (record, secrets) => {
    const oauthToken = options.oauthToken;
    return new EwsFetcher({
      serverId: record.id,
      numbers: options.numbers,
      pollMs: options.pollMs,
      maxMessageBytes: options.maxMessageBytes,
      session: new EwsSession(
        ewsTarget(record, {
          password: secrets.password,
          oauthToken: oauthToken && (() => oauthToken(record.id)),
          ca: options.ca,
        }),
      ),
    });
  };
}

/** Protocols whose mailboxes are fetched on a schedule. */
export const FETCHED_PROTOCOLS: readonly string[] = [
  'imap',
  'pop3',
  'graph',
  'ews',
];

/** One factory per fetched protocol, chosen by the server's protocol. */
export function mailFetcherFactory(
  options: FetcherFactoryOptions & { uids: MessageNumberStore },
): FetcherFactory {
  const imap = imapFetcherFactory(options);
  const pop3 = pop3FetcherFactory(options);
  const graph = graphFetcherFactory({ ...options, numbers: options.uids });
  const ews = ewsFetcherFactory({ ...options, numbers: options.uids });
  return (record, secrets) => {
    if (record.protocol === 'pop3') return pop3(record, secrets);
    if (record.protocol === 'graph') return graph(record, secrets);
    if (record.protocol === 'ews') return ews(record, secrets);
    return imap(record, secrets);
  };
}
