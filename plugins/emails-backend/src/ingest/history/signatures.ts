/*
 * Where a signature begins: the "-- " delimiter, a decorative rule above a
 * short block, or the line a mobile or webmail client appends ("Sent from my
 * iPhone", "Envoyé de mon iPhone", "Von meinem … gesendet"). A signature is
 * not something the person wrote for this reply, so it goes to the collapsed
 * part with the history.
 */

// A device or app name after "Sent from my": letters, digits, a few marks.
const DEVICE = String.raw`[\p{L}\p{N}®™'’. -]{2,40}`;

// Whole lines only: "The report was sent from my iPhone app yesterday" is prose.
const MOBILE = new RegExp(
  [
    `sent (?:from|with|via) (?:my )?${DEVICE}`,
    `(?:get|download) outlook for (?:ios|android)`,
    `télécharger outlook pour (?:ios|android)`,
    `(?:gesendet von|holen sie sich) outlook für (?:ios|android)`,
    `envoyé (?:de|depuis) (?:mon|ma) ${DEVICE}`,
    `von meinem ${DEVICE} gesendet`,
    `gesendet von meinem ${DEVICE}`,
    `sendt fra (?:min|mit) ${DEVICE}`,
    `skickat från (?:min|mitt) ${DEVICE}`,
    `enviado (?:desde|do|de) (?:mi|meu|o meu) ${DEVICE}`,
    `inviato da ${DEVICE}`,
    `verzonden (?:vanaf|met) (?:mijn )?${DEVICE}`,
    `wysłane z ${DEVICE}`,
    `отправлено (?:с|из) ${DEVICE}`,
    `lähetetty ${DEVICE}`,
  ]
    .map(p => `(?:${p})`)
    .join('|'),
  'iu',
);
const MOBILE_LINE = new RegExp(`^(?:${MOBILE.source})$`, 'iu');

// Signature rules people draw with characters; hyphens are left out because
// "---" also rules off sections in prose and in GitHub notifications.
const DECORATIVE_RULE = /^(?:_{2,}|={3,}|\*{3,}|~{3,}|—{3,})$/;

// A sentence of six words or more: prose below a rule, not a signature.
const SENTENCE = /^(?:\S+\s+){5,}\S*[.!?]$/;

// A rule is a signature only when a short block follows it to the end.
const MAX_RULED_SIGNATURE_LINES = 6;

/** The "-- " line that starts a signature. */
export function isSignatureDelimiter(text: string): boolean {
  return text.trim() === '--';
}

/** The line a mobile or webmail client appends, e.g. "Sent from my iPhone". */
export function isMobileSignature(text: string): boolean {
  const line = text
    .trim()
    .replace(/\s*<[^<>\s]*>$/, '')
    .replace(/[.!]$/, '');
  return line.length <= 80 && MOBILE_LINE.test(line);
}

/** A line of underscores, equals signs or stars drawn above a signature. */
export function isDecorativeRule(text: string): boolean {
  return DECORATIVE_RULE.test(text.trim());
}

/**
 * Whether a signature starts at line `i` of `texts`; `endsAt(j)` says where
 * the body above the next history ends (a quote starts there).
 */
export function signatureStartsAt(
  texts: string[],
  i: number,
  endsAt: (j: number) => boolean = () => false,
): boolean {
  const text = texts[i];
  if (isSignatureDelimiter(text) || isMobileSignature(text)) return true;
  if (!isDecorativeRule(text)) return false;
  // Bounded: the scan stops at the seventh line, so rules stay linear.
  let count = 0;
  for (let j = i + 1; j < texts.length && !endsAt(j); j++) {
    const line = texts[j].trim();
    if (SENTENCE.test(line)) return false;
    if (line !== '' && ++count > MAX_RULED_SIGNATURE_LINES) return false;
  }
  return count > 0;
}
