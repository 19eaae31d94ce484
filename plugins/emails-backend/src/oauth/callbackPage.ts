import { randomBytes } from 'node:crypto';

/** What the popup tells the admin page that opened it. */
export interface CallbackOutcome {
  ok: boolean;
  serverKind?: 'incoming' | 'outgoing';
  serverId?: string;
  message: string;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]!),
  );
}

/** JSON that cannot end the script element it sits in. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The page the provider's redirect lands on: it says what happened, posts
 * the outcome to the admin page that opened the popup (only to the portal's
 * origin) and closes itself. Its script runs under a nonce of its own.
 */
export function callbackPage(
  outcome: CallbackOutcome,
  appOrigin: string,
): { html: string; contentSecurityPolicy: string } {
  const nonce = randomBytes(16).toString('base64');
  const title = outcome.ok ? 'Signed in' : 'Sign-in failed';
  const message = { type: 'emails-oauth', ...outcome };
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style nonce="${nonce}">body{font-family:sans-serif;margin:2rem;max-width:40rem}</style></head>
<body><h1>${title}</h1><p id="message">${escapeHtml(outcome.message)}</p>
<p>You can close this window.</p>
<script nonce="${nonce}">
(function () {
  var outcome = ${scriptJson(message)};
  try { if (window.opener) window.opener.postMessage(outcome, ${scriptJson(
    appOrigin,
  )}); } catch (e) {}
  ${outcome.ok ? 'setTimeout(function () { window.close(); }, 300);' : ''}
})();
</script></body></html>`;
  return {
    html,
    contentSecurityPolicy: `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  };
}
