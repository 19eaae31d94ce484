import { NoConsentError } from './providers/types';

/** Why no access token could be had; each kind has one message and one hint. */
export type TokenFailureKind =
  | 'no-consent'
  | 'expired'
  | 'revoked'
  | 'scope'
  | 'tenant'
  | 'client-secret'
  | 'client'
  | 'unavailable';

/** A failed token request, told apart for the admin; never carries a token. */
export class TokenError extends Error {
  constructor(
    readonly kind: TokenFailureKind,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }

  /** True when retrying cannot help: an admin must sign in again or fix the app registration. */
  get permanent(): boolean {
    return this.kind !== 'unavailable';
  }
}

const TEXTS: Record<TokenFailureKind, { message: string; hint: string }> = {
  'no-consent': {
    message:
      'The mailbox has no OAuth token yet: nobody has signed in to authorize it',
    hint: 'Press Sign in on the server (Client ID, Client Secret, Authorization URL, Token URL and Scope must match the app registration), then test again.',
  },
  expired: {
    message:
      'The OAuth sign-in has expired: the refresh token is no longer valid',
    hint: 'Sign in again. Refresh tokens expire after long inactivity or when the password changes; a policy may also limit their lifetime.',
  },
  revoked: {
    message:
      'The OAuth consent was revoked or never granted for these permissions',
    hint: 'Sign in again, and make sure an administrator granted consent for the app (Microsoft Entra ID: API permissions > Grant admin consent).',
  },
  scope: {
    message: 'The provider refused the requested scope',
    hint: 'Check the Scope field: it must name the permission for this protocol (the default fills in when you pick the provider and protocol) and the app registration must list it.',
  },
  tenant: {
    message:
      'The provider does not know this app in this tenant (wrong tenant or client ID)',
    hint: 'Check the Tenant ID (the directory ID of the organisation, or "organizations") and the Client ID of the app registration.',
  },
  'client-secret': {
    message: 'The client secret was refused: it is wrong or has expired',
    hint: 'Create a new client secret in the app registration, paste it into Client Secret, set its expiry date, and sign in again.',
  },
  client: {
    message: 'The provider refused the OAuth client',
    hint: 'Check the Client ID, the Redirect URL registered at the provider and that the app is allowed to use this grant.',
  },
  unavailable: {
    message: 'The authorization server could not be reached',
    hint: 'This is retried. Check that the backend can reach the Token URL (DNS, firewall, proxy, trusted certificates).',
  },
};

/** A {@link TokenError} of one kind, with its text and the provider's detail. */
export function tokenError(
  kind: TokenFailureKind,
  detail?: string,
): TokenError {
  const text = TEXTS[kind];
  const message = detail ? `${text.message} (${detail})` : text.message;
  return new TokenError(kind, message, text.hint);
}

// Microsoft's AADSTS codes that tell the failures apart.
const AADSTS: [RegExp, TokenFailureKind][] = [
  [/AADSTS(70008|700082|50173|700084|50133)\b/, 'expired'],
  [/AADSTS(65001|65004|50105)\b/, 'revoked'],
  [/AADSTS(70011|70000)\b/, 'scope'],
  [/AADSTS(90002|50020|700016|90072)\b/, 'tenant'],
  [/AADSTS(7000222|7000215|7000218)\b/, 'client-secret'],
];

interface ErrorFields {
  name?: string;
  code?: string;
  error?: string;
  errorCode?: string;
  subError?: string;
  error_description?: string;
  errorMessage?: string;
  message?: string;
  status?: number;
}

function detailOf(e: ErrorFields): string {
  const code = e.error ?? e.errorCode ?? e.code ?? 'error';
  const aadsts = /AADSTS\d+/.exec(
    `${e.error_description ?? ''} ${e.errorMessage ?? ''} ${e.message ?? ''}`,
  );
  return aadsts ? `${code}, ${aadsts[0]}` : code;
}

function kindOf(e: ErrorFields, text: string): TokenFailureKind {
  for (const [pattern, kind] of AADSTS) {
    if (pattern.test(text)) return kind;
  }
  const code = e.error ?? e.errorCode ?? '';
  if (code === 'invalid_grant' || code === 'interaction_required') {
    return /revok|consent/i.test(text) ? 'revoked' : 'expired';
  }
  if (code === 'consent_required') return 'revoked';
  if (code === 'invalid_scope') return 'scope';
  if (code === 'invalid_client') return 'client-secret';
  if (code === 'unauthorized_client') return 'client';
  return 'unavailable';
}

/**
 * Tells a failed token request apart (openid-client's ResponseBodyError,
 * MSAL's ServerError / InteractionRequiredAuthError, network errors). Only
 * the error's code goes into the message: provider descriptions can echo
 * request parameters.
 */
export function classifyTokenFailure(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  if (error instanceof NoConsentError) return tokenError('no-consent');
  const e = (error ?? {}) as ErrorFields;
  const text = `${e.error ?? ''} ${e.errorCode ?? ''} ${e.subError ?? ''} ${
    e.error_description ?? ''
  } ${e.errorMessage ?? ''} ${e.message ?? ''}`;
  const kind = kindOf(e, text);
  return tokenError(kind, detailOf(e));
}
