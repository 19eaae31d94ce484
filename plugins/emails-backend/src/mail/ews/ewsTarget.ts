import { DEFAULT_EWS_URL } from '@internal/plugin-emails-common';
import { MailServerRecord } from '../../database';
import { usesOAuth } from '../../oauth/clientSettings';
import { EwsAuth, EwsTarget } from './ewsSession';

/**
 * The EWS endpoint, account and mailbox of a stored server (incoming or
 * outgoing): Exchange Online's URL for "Sign in with Microsoft", NTLM or
 * Basic with the password, or the server's OAuth token. App-only access
 * (client credentials) always impersonates the mailbox: it has no mailbox
 * of its own.
 */
export function ewsTarget(
  record: MailServerRecord,
  input: {
    password?: string;
    /** A fresh access token for OAuth servers. */
    oauthToken?: () => Promise<string>;
    ca?: string[];
    timeoutMs?: number;
  },
): EwsTarget {
  const s = record.settings as Record<string, any>;
  const url: string =
    s.ewsUrl || (s.provider === 'microsoft' ? DEFAULT_EWS_URL : '');
  let auth: EwsAuth;
  if (usesOAuth(record)) {
    const token = input.oauthToken;
    auth = {
      type: 'oauth',
      token: async () => {
        if (!token) throw new Error('OAuth is not available');
        return token();
      },
    };
  } else {
    auth = {
      type: s.authType === 'ntlm' ? 'ntlm' : 'basic',
      username: s.username || record.email,
      password: input.password ?? '',
    };
  }
  return {
    url,
    mailbox: record.email,
    auth,
    impersonate:
      s.ewsImpersonation === true ||
      s.oauth?.grantType === 'client-credentials',
    ca: input.ca?.length ? input.ca : undefined,
    timeoutMs: input.timeoutMs,
  };
}
