import { defaultScope, EmailProvider } from '@internal/plugin-emails-common';

/**
 * When a mail server refused a token whose granted scopes lack what the
 * protocol needs at this provider, the wrong-scope message and hint; else
 * undefined (the refusal has another cause, or the provider has no default).
 */
export function missingScope(
  provider: EmailProvider,
  protocol: 'imap' | 'pop3' | 'smtp',
  granted: string[] | undefined,
): { message: string; hint: string } | undefined {
  const needed = defaultScope(
    provider,
    protocol,
    protocol === 'smtp' ? 'outgoing' : 'incoming',
  );
  if (!needed || !granted) return undefined;
  const want = needed.split(/\s+/).filter(w => w !== 'offline_access');
  // Microsoft answers the short form (IMAP.AccessAsUser.All) of the scope it granted.
  const lacking = want.filter(
    w => !granted.some(g => g === w || w.endsWith(`/${g}`)),
  );
  if (lacking.length === 0) return undefined;
  return {
    message: `The mail server refused the OAuth token: wrong scope (the token grants ${
      granted.join(' ') || 'no scope'
    }; ${protocol.toUpperCase()} needs ${lacking.join(' ')})`,
    hint: `Set Scope to "${needed}", add that permission to the app registration (with admin consent where the provider needs it), and sign in again.`,
  };
}
