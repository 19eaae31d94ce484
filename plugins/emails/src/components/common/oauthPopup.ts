import { MailDirection } from '@internal/plugin-emails-common';

/** The name of the sign-in popup: a second sign-in reuses the open window. */
export const OAUTH_POPUP_NAME = 'emails-oauth';
/** How often the popup is checked for having been closed. */
export const OAUTH_POLL_MS = 500;
/** How long a sign-in may take before it is given up (MFA, consent screens). */
export const OAUTH_TIMEOUT_MS = 10 * 60 * 1000;

/** What the backend's callback page posts to the window that opened it. */
export interface OAuthReply {
  ok: boolean;
  message?: string;
}

/** How waiting for the sign-in popup ended. */
export type OAuthWait =
  | { kind: 'reply'; reply: OAuthReply }
  | { kind: 'closed' }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

/** Which sign-in a reply must belong to, and where it must come from. */
export interface OAuthWaitTarget {
  /** The backend's origin: the callback page is served from it. */
  origin: string;
  serverKind: MailDirection;
  serverId: string;
}

/**
 * Opens the empty sign-in popup. Must run in the click handler itself, before
 * any await: browsers block pop-ups opened later. Null when it was blocked.
 */
export function openOAuthPopup(): Window | null {
  return window.open('', OAUTH_POPUP_NAME, 'width=600,height=700');
}

/** Closes the popup; a window we opened may always be closed, whatever it shows. */
export function closeOAuthPopup(popup: Window) {
  try {
    popup.close();
  } catch {
    // Already gone: nothing to close.
  }
}

/** The reply in a message event, when it is the callback's reply for `target`. */
export function replyOf(
  event: MessageEvent,
  target: OAuthWaitTarget,
): OAuthReply | undefined {
  // Any page may post to this window: only the backend's own callback counts.
  if (event.origin !== target.origin) return undefined;
  const data = event.data;
  if (!data || typeof data !== 'object' || data.type !== 'emails-oauth') {
    return undefined;
  }
  // A reply naming no server is the callback's own failure (e.g. an unknown
  // state): it answers the sign-in that is waiting. One naming another is not.
  if (data.serverKind !== undefined && data.serverKind !== target.serverKind) {
    return undefined;
  }
  if (data.serverId !== undefined && data.serverId !== target.serverId) {
    return undefined;
  }
  return {
    ok: data.ok === true,
    message: typeof data.message === 'string' ? data.message : undefined,
  };
}

/**
 * Calls `finish` once the popup has been closed for a whole round, or when
 * `timeoutMs` passed (closing the popup); returns the interval's handle.
 */
function watchPopup(
  popup: Window,
  pollMs: number,
  timeoutMs: number,
  finish: (wait: OAuthWait) => void,
) {
  const started = Date.now();
  let closedSeen = false;
  return setInterval(() => {
    // The callback posts and then closes itself: one more round lets its
    // message arrive before a closed window is taken for a cancel.
    if (popup.closed && closedSeen) {
      finish({ kind: 'closed' });
      return;
    }
    closedSeen = popup.closed;
    if (Date.now() - started >= timeoutMs) {
      closeOAuthPopup(popup);
      finish({ kind: 'timeout' });
    }
  }, pollMs);
}

/**
 * Waits for the callback's reply, or for the popup to be closed: a provider
 * may sever `window.opener`, so the reply can never come. Gives up after
 * `timeoutMs` and closes the popup.
 */
export function waitForOAuthReply(
  popup: Window,
  target: OAuthWaitTarget,
  options: { pollMs?: number; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<OAuthWait> {
  const {
    pollMs = OAUTH_POLL_MS,
    timeoutMs = OAUTH_TIMEOUT_MS,
    signal,
  } = options;
  return new Promise(resolve => {
    const cleanups: (() => void)[] = [];
    const finish = (wait: OAuthWait) => {
      cleanups.forEach(cleanup => cleanup());
      resolve(wait);
    };
    const onMessage = (event: MessageEvent) => {
      const reply = replyOf(event, target);
      if (reply) finish({ kind: 'reply', reply });
    };
    const onAbort = () => finish({ kind: 'aborted' });
    window.addEventListener('message', onMessage);
    signal?.addEventListener('abort', onAbort);
    const timer = watchPopup(popup, pollMs, timeoutMs, finish);
    cleanups.push(
      () => window.removeEventListener('message', onMessage),
      () => signal?.removeEventListener('abort', onAbort),
      () => clearInterval(timer),
    );
    if (signal?.aborted) onAbort();
  });
}
