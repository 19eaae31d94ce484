import { EmailProvider, IncomingProtocol, OutgoingProtocol } from './types';

/** Well-known OAuth endpoints of a provider; `{tenant}` is replaced by the tenant id. */
export const OAUTH_ENDPOINTS: Partial<
  Record<EmailProvider, { authorizationUrl: string; tokenUrl: string }>
> = {
  microsoft: {
    authorizationUrl:
      'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
  },
  google: {
    authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
  },
};

const SCOPES: Record<string, string> = {
  // Seed 001 (troubleshooting) and seed 003 (auto-populated scopes).
  'microsoft:imap':
    'offline_access https://outlook.office365.com/IMAP.AccessAsUser.All',
  'microsoft:ews':
    'offline_access https://outlook.office365.com/EWS.AccessAsUser.All',
  'microsoft:graph': 'Mail.ReadWrite offline_access',
  'microsoft:smtp': 'offline_access https://outlook.office365.com/SMTP.Send',
  'microsoft:graph:outgoing': 'Mail.Send offline_access',
  'google:imap': 'https://mail.google.com/',
  'google:pop3': 'https://mail.google.com/',
  'google:smtp': 'https://mail.google.com/',
};

/** The OAuth scope a provider needs for a protocol, or undefined when there is no default. */
export function defaultScope(
  provider: EmailProvider,
  protocol: IncomingProtocol | OutgoingProtocol,
  direction: 'incoming' | 'outgoing' = 'incoming',
): string | undefined {
  if (direction === 'outgoing' && protocol === 'graph') {
    return SCOPES[`${provider}:graph:outgoing`];
  }
  return SCOPES[`${provider}:${protocol}`];
}

/** Microsoft Graph's global endpoint (national clouds differ; seed 003). */
export const DEFAULT_GRAPH_ENDPOINT = 'https://graph.microsoft.com';

/** Exchange Online's EWS URL, for the Microsoft provider. */
export const DEFAULT_EWS_URL =
  'https://outlook.office365.com/EWS/Exchange.asmx';
