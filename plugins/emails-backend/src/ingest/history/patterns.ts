/*
 * The words mail clients write around quoted history and forwarded mail, in
 * the languages we meet. Gmail, Apple Mail, Thunderbird and Outlook localise
 * these strings with the user's UI language, not the message's.
 */

/** Lines longer than this are never separators; bounds the regex work on hostile input. */
export const MAX_SEPARATOR_LENGTH = 400;

// "On <date>, <who> wrote:" per language. `start` is what the first line of
// a wrapped attribution begins with, `full` what the whole attribution is.
const ATTRIBUTIONS: { start: RegExp; full: RegExp }[] = [
  // Gmail glues "wrote:" to a wrapped address; Zoho drops the colon.
  { start: /^On\s/i, full: /^On\s.+?wrote\s*:?$/i },
  { start: /^Am\s/i, full: /^Am\s.+\sschrieb\s.+:$/i },
  { start: /^Le\s/i, full: /^Le\s.+\sa\s+écrit\s*:$/i },
  { start: /^El\s/i, full: /^El\s.+\sescribió\s*:$/i },
  { start: /^Op\s/i, full: /^Op\s.+\sschreef\s.+:$/i },
  { start: /^Il\s/i, full: /^Il\s.+\sha\s+scritto\s*:$/i },
  { start: /^Em\s/i, full: /^Em\s.+\sescreveu\s*:$/i },
  {
    start: /^W\s+dniu\s/i,
    full: /^W\s+dniu\s.+\s(?:pisze|napisał(?:\(a\)|a)?)\s*:$/iu,
  },
  // Swedish, Danish, Norwegian: "Den mån 3 nov. 2026 kl 10:02 skrev …:",
  // "man. 3. nov. 2026 kl. 10:02 skrev …:", "3 nov. 2026 kl. 10:02 skrev …:".
  {
    start: /^(?:Den\s|På\s|\d|\p{L}{2,4}\.?\s+\d)/iu,
    full: /^.+\sskrev\s.+:$/iu,
  },
];

// The verb of an attribution in the languages whose clients put it anywhere
// in the line: "… написал(а):", "… kirjoitti:", "… 于… 写道：".
const VERB =
  /(?:wrote|schrieb|a\s+écrit|escribió|schreef|ha\s+scritto|escreveu|skrev|pisze|napisał(?:\(a\)|a)?|написал(?:\(а\)|а)?|kirjoitti|napsal|yazdı|写道|寫道)/iu;

// "Rita wrote:" without a date: only trusted right above a trailing quote block.
const LOOSE_ATTRIBUTION = new RegExp(
  `${VERB.source}(?:\\P{L}.{0,120})?:$`,
  'iu',
);

const DATE =
  /\b\d{1,2}[:.h]\d{2}\b|\b(?:19|20)\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/;

// Zoho frames its attribution in dashes: "---- On … wrote ----".
const DASH_FRAME = /^-{2,}\s*(.*?)\s*-{2,}$/;

/** An e-mail address inside free text. */
export const EMAIL =
  /[A-Za-z0-9._%+'=!#$&*/?^`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;

// Outlook's "-----Original Message-----" and the dashed forward banners of
// Gmail and Thunderbird, lower-cased.
const ORIGINAL_LABELS = new Set([
  'original message',
  'ursprüngliche nachricht',
  "message d'origine",
  'mensaje original',
  'oorspronkelijk bericht',
  'messaggio originale',
  'mensagem original',
  'ursprungligt meddelande',
  'oprindelig meddelelse',
  'opprinnelig melding',
  'oprindelig besked',
  'исходное сообщение',
  'oryginalna wiadomość',
]);
const FORWARD_LABELS = new Set([
  'forwarded message',
  'weitergeleitete nachricht',
  'message transféré',
  'mensaje reenviado',
  'doorgestuurd bericht',
  'messaggio inoltrato',
  'mensagem encaminhada',
  'vidarebefordrat meddelande',
  'videresendt meddelelse',
  'videresendt melding',
]);

// Apple Mail's forward banner.
const APPLE_FORWARD =
  /^(?:begin forwarded message|anfang der weitergeleiteten nachricht|début du message (?:réexpédié|transféré)|inicio del mensaje reenviado|begin doorgestuurd bericht|inizio messaggio inoltrato|início da mensagem (?:reencaminhada|encaminhada)|vidarebefordrat (?:brev|mejl|meddelande)|videresendt (?:meddelelse|melding|besked))\s*:$/iu;

/** Header labels of quoted and forwarded header blocks, per meaning. */
export const HEADER_LABELS = {
  from: [
    'from',
    'von',
    'de',
    'da',
    'van',
    'från',
    'fra',
    'od',
    'mittente',
    'remitente',
    'remetente',
    'от',
  ],
  date: [
    'date',
    'sent',
    'datum',
    'gesendet',
    'envoyé',
    'enviado',
    'enviado el',
    'enviada',
    'fecha',
    'data',
    'verzonden',
    'verstuurd',
    'inviato',
    'skickat',
    'sendt',
    'dato',
    'enviada em',
    'wysłano',
    'отправлено',
    'дата',
  ],
  to: [
    'to',
    'an',
    'à',
    'a',
    'para',
    'aan',
    'till',
    'til',
    'pour',
    'destinatario',
    'do',
    'кому',
  ],
  subject: [
    'subject',
    'betreff',
    'objet',
    'sujet',
    'asunto',
    'onderwerp',
    'oggetto',
    'assunto',
    'ämne',
    'emne',
    'temat',
    'тема',
  ],
  cc: ['cc', 'kopie', 'copie', 'cco'],
  replyTo: ['reply-to', 'antwort an', 'répondre à'],
};

/** What a header label means. */
export type HeaderKind = keyof typeof HEADER_LABELS;

const LABEL_KIND = new Map<string, HeaderKind>(
  Object.entries(HEADER_LABELS).flatMap(([kind, labels]) =>
    labels.map(label => [label, kind as HeaderKind] as const),
  ),
);

// Outlook writes "*From:*" when it turns bold HTML into text; Thunderbird
// puts a tab after the colon; French puts a space before it.
const HEADER_LINE =
  /^\s*(?:>\s*)*\*{0,2}([\p{L}][\p{L} -]{0,15}?)\s*:\*{0,2}(?:\s+(.*))?$/u;

/** A "Label: value" header line of a quoted or forwarded header block. */
export function headerLine(
  line: string,
): { kind: HeaderKind; value: string } | undefined {
  if (line.length > MAX_SEPARATOR_LENGTH) return undefined;
  const m = HEADER_LINE.exec(line);
  const kind = m && LABEL_KIND.get(m[1].toLocaleLowerCase('en-US'));
  return kind ? { kind, value: (m[2] ?? '').trim() } : undefined;
}

/** The attribution ("On … wrote:") the text is, and whether it names a date and an address. */
export function attribution(
  text: string,
): { date: boolean; email: boolean } | undefined {
  let line = text.trim();
  if (line.length > MAX_SEPARATOR_LENGTH) return undefined;
  line = DASH_FRAME.exec(line)?.[1] ?? line;
  const date = DATE.exec(line);
  const email = EMAIL.exec(line);
  if (ATTRIBUTIONS.some(a => a.start.test(line) && a.full.test(line))) {
    return { date: !!date, email: !!email };
  }
  // Any other language or client: a line ending in a colon that names a
  // date and either an attribution verb or, after the date, the sender's
  // address ("2016-03-03 17:21 GMT+01:00 Rita <rita@example.com>:").
  const generic =
    /[:：]$/.test(line) &&
    date &&
    (VERB.test(line) || (email && email.index > date.index));
  return generic ? { date: true, email: !!email } : undefined;
}

/** Whether the line is a short "Rita wrote:" attribution. */
export function isLooseAttribution(text: string): boolean {
  const line = text.trim();
  return line.length <= 200 && LOOSE_ATTRIBUTION.test(line);
}

/** Which banner the line is: a forward banner, or Outlook's "Original Message". */
export function banner(text: string): 'forward' | 'original' | undefined {
  const line = text.trim();
  if (line.length > 120) return undefined;
  if (APPLE_FORWARD.test(line)) return 'forward';
  const dashed = /^-{2,}\s*([^-].*?)\s*-{2,}$/.exec(line);
  if (!dashed) return undefined;
  const label = dashed[1].toLocaleLowerCase('en-US').replace(/[’`]/g, "'");
  if (FORWARD_LABELS.has(label)) return 'forward';
  return ORIGINAL_LABELS.has(label) ? 'original' : undefined;
}

/** Outlook's line of underscores above a quoted header block. */
export function isUnderscoreLine(text: string): boolean {
  return /^\s*_{10,}\s*$/.test(text);
}

// "> ", the "| " some clients quote with (a table row ends in "|" too, so
// such lines are not quotes), and the "Rita> " of older Unix mailers.
const QUOTE_PREFIX = /^[ \t]*(?:>|\|(?![^\n]*\|\s*$)|[A-Za-z][\w.-]{0,20}>)/;
const QUOTE_PREFIXES = /^\s*(?:(?:>|\||[A-Za-z][\w.-]{0,20}>)\s?)+/;

/** Whether a plain-text line is quoted. */
export function isQuoteLine(text: string): boolean {
  return QUOTE_PREFIX.test(text);
}

/** The line without its quote prefixes. */
export function stripQuotePrefix(text: string): string {
  return isQuoteLine(text) ? text.replace(QUOTE_PREFIXES, '') : text;
}
