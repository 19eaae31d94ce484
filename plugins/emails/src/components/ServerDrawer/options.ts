import {
  AuthType,
  EmailProvider,
  IncomingProtocol,
  MailDirection,
  OutgoingProtocol,
  SecurityType,
} from '@internal/plugin-emails-common';
import { FieldKey, FilterChoice } from './draft';

/** One choice of a select. */
export interface Choice<T extends string> {
  value: T;
  label: string;
}

/** Protocol names as the product shows them. */
export const PROTOCOL_LABELS: Record<
  IncomingProtocol | OutgoingProtocol,
  string
> = {
  imap: 'IMAP',
  pop3: 'POP3',
  ews: 'MAPI (EWS)',
  graph: 'Microsoft Graph',
  'smtp-push': 'SMTP push',
  smtp: 'SMTP',
};

/** Email Provider choices (seeds 001 and 002). */
export const PROVIDER_CHOICES: Choice<EmailProvider>[] = [
  { value: 'microsoft', label: 'Sign in with Microsoft' },
  { value: 'google', label: 'Google' },
  { value: 'other', label: 'Other' },
];

/** Security Type choices, labelled as the seeds do. */
export const SECURITY_CHOICES: Choice<SecurityType>[] = [
  { value: 'none', label: 'None' },
  { value: 'ssl', label: 'SSL/TLS' },
  { value: 'starttls', label: 'STARTTLS (TLS)' },
];

/** Email Auth Type choices; NTLM only where it applies (see authTypeChoices). */
export const AUTH_TYPE_CHOICES: Choice<AuthType>[] = [
  { value: 'basic', label: 'Basic Auth' },
  { value: 'ntlm', label: 'NTLM' },
  { value: 'oauth', label: 'OAuth' },
];

/** True when a protocol signs in with NTLM: Exchange Web Services only. */
export function ntlmOffered(protocol: IncomingProtocol | OutgoingProtocol) {
  return protocol === 'ews';
}

/** The Email Auth Type choices of a protocol: Basic Auth, NTLM (EWS only) and OAuth. */
export function authTypeChoices(
  protocol: IncomingProtocol | OutgoingProtocol,
): Choice<AuthType>[] {
  return AUTH_TYPE_CHOICES.filter(
    choice => choice.value !== 'ntlm' || ntlmOffered(protocol),
  );
}

/** Filter Type choices; "none" sends no filter. */
export const FILTER_CHOICES: Choice<FilterChoice>[] = [
  { value: 'none', label: 'None' },
  { value: 'allow', label: 'Allow' },
  { value: 'ignore', label: 'Ignore' },
];

const PROTOCOLS: Record<
  MailDirection,
  Record<EmailProvider, (IncomingProtocol | OutgoingProtocol)[]>
> = {
  // Sign in with Microsoft offers IMAP and MAPI (seed 001) and Graph (seed 003);
  // POP3 has no OAuth, so Microsoft cannot use it.
  incoming: {
    microsoft: ['imap', 'ews', 'graph'],
    google: ['imap', 'pop3', 'smtp-push'],
    other: ['imap', 'pop3', 'ews', 'graph', 'smtp-push'],
  },
  outgoing: {
    microsoft: ['smtp', 'ews', 'graph'],
    google: ['smtp'],
    other: ['smtp', 'ews', 'graph'],
  },
};

/** The protocols a provider offers in one direction. */
export function protocolChoices(
  direction: MailDirection,
  provider: EmailProvider,
): Choice<IncomingProtocol | OutgoingProtocol>[] {
  return PROTOCOLS[direction][provider].map(value => ({
    value,
    label: PROTOCOL_LABELS[value],
  }));
}

/** Field labels, as the seeds name them. */
export const FIELD_LABELS: Record<FieldKey, string> = {
  name: 'Name',
  email: 'Email',
  aliases: 'Aliases',
  provider: 'Email Provider',
  protocol: 'Protocol',
  host: 'Server',
  port: 'Port',
  security: 'Security Type',
  authNeeded: 'Authentication Needed',
  authType: 'Email Auth Type',
  username: 'Username',
  password: 'Password',
  'oauth.clientId': 'OAuth Client ID',
  'oauth.clientSecret': 'Client Secret',
  'oauth.tenantId': 'Tenant ID',
  'oauth.authorizationUrl': 'Authorization URL',
  'oauth.tokenUrl': 'Token URL',
  'oauth.scope': 'Scope',
  'oauth.redirectUrl': 'Redirect URL',
  'oauth.grantType': 'App-only access (client credentials)',
  'oauth.clientSecretExpiresAt': 'Client secret expires',
  ewsUrl: 'EWS Connect URL',
  ewsImpersonation: 'Use impersonation (ApplicationImpersonation role)',
  graphEndpoint: 'Graph Endpoint',
  technicianGroup: 'Technician Group',
  category: 'Category',
  company: 'Company',
  proxyId: 'Proxy Server',
  outgoingServerId: 'Outgoing Email Server',
  enabled: 'Enabled',
  primary: 'Primary',
  realTime: 'Real Time Scanning',
  pollIntervalSeconds: 'Poll interval (seconds)',
  'filter.type': 'Filter Type',
  'filter.emails': 'Emails',
  'filter.domains': 'Domains',
  'filter.keywords': 'Keywords',
  'folders.inbox': 'Inbox folder',
  'folders.success': 'Success folder',
  'folders.fail': 'Error folder',
  'folders.exclusion': 'Exclusion folder',
  errorThreshold: 'Stop fetching after N errors',
  deleteAfterFetch: 'Delete after fetch',
  senderName: 'Sender Name',
  replyTo: 'Reply-To Email',
};

/** The label of an API field path, or the path itself. */
export function labelOf(field: string): string {
  return FIELD_LABELS[field as FieldKey] ?? field;
}
