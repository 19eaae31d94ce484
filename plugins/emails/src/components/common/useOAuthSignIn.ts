import { discoveryApiRef, useApi } from '@backstage/core-plugin-api';
import {
  IncomingServer,
  MailDirection,
  OAuthConsent,
  OutgoingServer,
} from '@internal/plugin-emails-common';
import { useEffect, useRef, useState } from 'react';
import { EmailsApi, emailsApiRef } from '../../api';
import { messageOf } from './formErrors';
import {
  closeOAuthPopup,
  OAuthWait,
  openOAuthPopup,
  waitForOAuthReply,
} from './oauthPopup';

type MailServer = IncomingServer | OutgoingServer;

/** How a sign-in ended, with the server as read again afterwards. */
export interface OAuthSignInOutcome {
  ok: boolean;
  /** "Signed in as <account>", or why it failed. */
  message: string;
  server?: MailServer;
}

/** What the admin is told when the browser blocked the sign-in popup. */
export const POPUP_BLOCKED_MESSAGE =
  'The sign-in window was blocked: allow pop-ups for this site and try again.';

/** What became of a sign-in, from how the popup ended and the server read again. */
export function signInOutcome(
  wait: OAuthWait,
  before: OAuthConsent | undefined,
  server: MailServer | undefined,
): OAuthSignInOutcome {
  if (wait.kind === 'reply' && !wait.reply.ok) {
    return {
      ok: false,
      message: wait.reply.message || 'Sign-in failed.',
      server,
    };
  }
  const consent = server?.oauthConsent;
  // Without a reply only a new consent proves the sign-in: an old one may be active.
  const fresh =
    consent?.status === 'active' &&
    (wait.kind === 'reply' || consent.consentedAt !== before?.consentedAt);
  if (fresh || wait.kind === 'reply') {
    const account = fresh ? consent?.account : undefined;
    return {
      ok: true,
      message: account ? `Signed in as ${account}` : 'Signed in',
      server,
    };
  }
  return {
    ok: false,
    message:
      wait.kind === 'timeout'
        ? 'Sign-in did not finish within 10 minutes; try again.'
        : consent?.failure ||
          'The sign-in window was closed before sign-in finished.',
    server,
  };
}

function readServer(api: EmailsApi, direction: MailDirection, id: string) {
  return direction === 'incoming'
    ? api.getIncomingServer(id)
    : api.getOutgoingServer(id);
}

/**
 * The OAuth sign-in of a mail server in a popup, for the drawer and the
 * cards. `signIn` must be called from a click handler; `prepare` saves what
 * needs saving and returns the server to sign in (undefined stops, e.g. when
 * the form has errors). Resolves undefined when nothing was tried.
 */
export function useOAuthSignIn(direction: MailDirection) {
  const api = useApi(emailsApiRef);
  const discoveryApi = useApi(discoveryApiRef);
  const [busy, setBusy] = useState(false);
  const running = useRef<AbortController>();
  // A drawer or card that goes away stops listening for its popup.
  useEffect(() => () => running.current?.abort(), []);

  const run = async (
    popup: Window,
    prepare: () => Promise<MailServer | undefined>,
  ): Promise<OAuthSignInOutcome | undefined> => {
    const server = await prepare();
    if (!server) {
      closeOAuthPopup(popup);
      return undefined;
    }
    const [{ authorizationUrl }, baseUrl] = await Promise.all([
      api.startOAuth(direction, server.id),
      discoveryApi.getBaseUrl('emails'),
    ]);
    const controller = new AbortController();
    running.current = controller;
    const target = {
      origin: new URL(baseUrl, window.location.href).origin,
      serverKind: direction,
      serverId: server.id,
    };
    const waiting = waitForOAuthReply(popup, target, {
      signal: controller.signal,
    });
    popup.location.href = authorizationUrl;
    const wait = await waiting;
    if (wait.kind === 'aborted') return undefined;
    const after = await readServer(api, direction, server.id).catch(
      () => undefined,
    );
    return signInOutcome(wait, server.oauthConsent, after);
  };

  const signIn = async (
    prepare: () => Promise<MailServer | undefined>,
  ): Promise<OAuthSignInOutcome | undefined> => {
    const popup = openOAuthPopup();
    if (!popup) return { ok: false, message: POPUP_BLOCKED_MESSAGE };
    setBusy(true);
    try {
      return await run(popup, prepare);
    } catch (error) {
      closeOAuthPopup(popup);
      return { ok: false, message: messageOf(error) };
    } finally {
      setBusy(false);
    }
  };

  return { busy, signIn };
}
