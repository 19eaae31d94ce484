// Subject prefixes in the languages of the clients we see: Outlook
// translates them (WG: German, TR: French, RV: Spanish, Doorst: Dutch, ENC:
// Portuguese, VB: Swedish, VS: Danish/Norwegian), others keep Fwd:.
const FORWARD = new Set([
  'fw',
  'fwd',
  'wg',
  'tr',
  'rv',
  'doorst',
  'enc',
  'vb',
  'vs',
]);
const REPLY = new Set([
  're',
  'aw',
  'antw',
  'sv',
  'rif',
  'r',
  'res',
  'ref',
  'réf',
]);

// "Fwd:", "FW :", "Re[2]:", and Thunderbird's "[Fwd: …]".
const PREFIX = /^\s*\[?\s*(\p{L}{1,6})\s*(?:\[\d+\])?\s*:\s*/u;

/** Whether the subject's first prefix marks a forward or a reply. */
export function subjectKind(
  subject: string | undefined,
): 'forward' | 'reply' | undefined {
  const m = PREFIX.exec(subject ?? '');
  const word = m?.[1].toLocaleLowerCase('en-US');
  if (word && FORWARD.has(word)) return 'forward';
  return word && REPLY.has(word) ? 'reply' : undefined;
}

/** The subject without its leading forward prefixes. */
export function withoutForwardPrefix(subject: string | undefined): string {
  let rest = (subject ?? '').trim();
  for (let m = PREFIX.exec(rest); m; m = PREFIX.exec(rest)) {
    if (!FORWARD.has(m[1].toLocaleLowerCase('en-US'))) break;
    const bracketed = m[0].trimStart().startsWith('[');
    rest = rest.slice(m[0].length).trim();
    if (bracketed) rest = rest.replace(/\]$/, '').trim();
  }
  return rest;
}
