import { sanitizeEmailHtml } from './sanitizeEmailHtml';
import { ImagePolicy } from './urls';

const blocked: ImagePolicy = { allowRemote: false, inline: new Map() };

function clean(html: string, policy: ImagePolicy = blocked) {
  return sanitizeEmailHtml(html, policy);
}

/** The elements of `html` as a browser would build them. */
function elementsOf(html: string): Element[] {
  const doc = new DOMParser().parseFromString(`<body>${html}`, 'text/html');
  return Array.from(doc.body.querySelectorAll('*'));
}

describe('sanitizeEmailHtml', () => {
  it('keeps formatting and the text of unknown elements', () => {
    const { html } = clean(
      '<p style="color: red">Hello <b>there</b> <o:p>you</o:p></p>',
    );
    expect(html).toBe('<p style="color: red">Hello <b>there</b> you</p>');
  });

  it('prevents script execution: no script, event handler or javascript: link survives', () => {
    const { html } = clean(
      '<script>alert(1)</script><img src="x" onerror="alert(2)">' +
        '<a href="javascript:alert(3)">a</a><a href="java\tscript:alert(4)">b</a>' +
        '<a href=" JaVaScRiPt:alert(5)">c</a><div onclick="alert(6)">d</div>' +
        '<svg><script>alert(7)</script></svg><iframe src="https://evil"></iframe>' +
        '<form action="https://evil"><input name="p"><button>go</button></form>',
    );
    expect(html).not.toMatch(
      /script|onerror|onclick|alert|<svg|<iframe|<input|<button/i,
    );
    expect(html).toContain('<a>a</a>');
  });

  it('prevents breaking out of a style element', () => {
    const { html } = clean(
      '<style>p{color:red}</sty@import "x";le><img src=x onerror=alert(1)></style>',
    );
    const elements = elementsOf(html);
    expect(elements.map(e => e.localName)).toEqual(['style']);
    expect(elements[0].textContent).not.toContain('<');
  });

  it('opens safe links in a new tab without a referrer', () => {
    const { html } = clean('<a href="https://example.com/x">x</a>');
    expect(html).toBe(
      '<a href="https://example.com/x" target="_blank" rel="noopener noreferrer">x</a>',
    );
  });

  it('prevents read tracking: remote images and CSS url()s are blocked and counted', () => {
    const { html, blockedImages } = clean(
      '<img src="https://tracker.example/p.gif" alt="logo">' +
        '<img src="//tracker.example/q.gif">' +
        '<table><tr><td background="http://tracker.example/bg.png">x</td></tr></table>' +
        '<div style="background: url(\'https://tracker.example/c.png\') no-repeat">x</div>' +
        '<style>@import url(https://tracker.example/s.css); b{color:red}</style>',
    );
    expect(html).not.toContain('tracker.example');
    expect(html).toContain('background: none no-repeat');
    expect(blockedImages).toBe(4);
  });

  it('loads remote images once allowed', () => {
    const { html, blockedImages } = clean(
      '<img src="https://cdn.example/a.png">',
      { allowRemote: true, inline: new Map() },
    );
    expect(html).toContain('src="https://cdn.example/a.png"');
    expect(blockedImages).toBe(0);
  });

  it('resolves cid: images to the inline attachment and drops unknown ones', () => {
    const inline = new Map([['logo@mail', 'data:image/png;base64,AAAA']]);
    const { html } = clean(
      '<img src="cid:LOGO@mail"><img src="cid:other@mail">' +
        '<p style="background:url(cid:logo@mail)">x</p>',
      { allowRemote: false, inline },
    );
    expect(html).toBe(
      '<img src="data:image/png;base64,AAAA"><img>' +
        '<p style="background:url(&quot;data:image/png;base64,AAAA&quot;)">x</p>',
    );
  });

  it('keeps raster data: images but not other data: URLs', () => {
    const { html } = clean(
      '<img src="data:image/gif;base64,R0lG"><img src="data:image/svg+xml,<svg/>">' +
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    );
    expect(html).toBe('<img src="data:image/gif;base64,R0lG"><img><a>x</a>');
  });
});
