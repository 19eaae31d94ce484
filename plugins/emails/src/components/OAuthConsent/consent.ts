import { parseEntityRef } from '@backstage/catalog-model';
import {
  EmailProvider,
  IncomingServer,
  OutgoingServer,
} from '@internal/plugin-emails-common';

type MailServer = IncomingServer | OutgoingServer;

/** The sign-in button of a provider, as the drawer labels it. */
export function signInLabel(provider: EmailProvider): string {
  if (provider === 'microsoft') return 'Sign in with Microsoft';
  if (provider === 'google') return 'Sign in with Google';
  return 'Authorize';
}

/** True when the server gets tokens on its own (client credentials): nobody signs in. */
export function isAppOnly(server: MailServer): boolean {
  return server.oauth?.grantType === 'client-credentials';
}

/**
 * The card's sign-in action: "Sign in" before anyone consented, "Sign in
 * again" when the consent expired or the mailbox refused the token;
 * undefined when the sign-in works or nobody signs in at all.
 */
export function signInAction(
  server: MailServer,
): 'Sign in' | 'Sign in again' | undefined {
  const consent = server.oauthConsent;
  if (!consent || isAppOnly(server)) return undefined;
  if (consent.status === 'none') return 'Sign in';
  if (consent.status === 'expired') return 'Sign in again';
  return server.health?.status === 'auth-expired' ? 'Sign in again' : undefined;
}

/** A calendar day (YYYY-MM-DD, or an ISO time) in the user's locale. */
export function formatDay(value: string): string {
  // A bare date is a local day: parsed as UTC it could show as the day before.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(`${value}T00:00:00`)
    : new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString();
}

/** A portal user's entity ref as a name ("user:default/rita" is "rita"). */
export function userName(ref: string): string {
  try {
    return parseEntityRef(ref, { defaultKind: 'user' }).name;
  } catch {
    return ref;
  }
}

/** True when a YYYY-MM-DD day is before today. */
export function isPast(day: string): boolean {
  return new Date(`${day}T23:59:59`).getTime() < Date.now();
}
