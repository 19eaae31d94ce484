import { callbackPage } from './callbackPage';

describe('callbackPage', () => {
  it('escapes the message and posts the outcome only to the portal origin', () => {
    const { html, contentSecurityPolicy } = callbackPage(
      { ok: false, message: '<img src=x onerror=alert(1)></script>' },
      'https://portal.example.com',
    );
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;');
    // Inside the script, the JSON cannot close the element either.
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain(
      'postMessage(outcome, "https://portal.example.com")',
    );
    const nonce = /'nonce-([^']+)'/.exec(contentSecurityPolicy)![1];
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(contentSecurityPolicy).toContain("default-src 'none'");
  });

  it('closes the popup only after a successful sign-in', () => {
    const ok = callbackPage({ ok: true, message: 'Signed in' }, 'http://a');
    const failed = callbackPage({ ok: false, message: 'No' }, 'http://a');
    expect(ok.html).toContain('window.close()');
    expect(failed.html).not.toContain('window.close()');
    expect(ok.contentSecurityPolicy).not.toBe(failed.contentSecurityPolicy);
  });
});
