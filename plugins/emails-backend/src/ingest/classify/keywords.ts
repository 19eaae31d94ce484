/**
 * Subject labels of automatic replies: the server's keywords (seed 001) and
 * the labels Outlook, Exchange and common responders use in English,
 * German, French and Spanish.
 */
export const DEFAULT_AUTO_REPLY_KEYWORDS: readonly string[] = [
  'Auto Reply',
  'Auto-Reply',
  'Autoreply',
  'Automatic Reply',
  'Out of Office',
  'Out of Office AutoReply',
  'Do Not Reply',
  'Abwesenheitsnotiz',
  'Automatische Antwort',
  'Réponse automatique',
  'Absence du bureau',
  'Respuesta automática',
  'Fuera de la oficina',
];

/**
 * The keyword a subject starts with, as a label: `Automatic reply: …`,
 * `[Auto Reply] …`, `Réponse automatique : …` or the keyword alone.
 * Keywords elsewhere in the subject do not count, because "Out of office
 * not working" or "Re: Auto reply loops" are requests a person wrote to an
 * IT helpdesk. Case and accents are ignored (`Reponse automatique`).
 */
export function subjectKeyword(
  subject: string | undefined,
  keywords: readonly string[],
): string | undefined {
  const text = fold(subject ?? '').trim();
  if (!text) return undefined;
  return keywords.find(keyword => {
    const k = escapeRegExp(fold(keyword).trim());
    if (!k) return false;
    const label = new RegExp(
      `^(?:\\[\\s*${k}\\s*\\]|\\(\\s*${k}\\s*\\)|${k}\\s*(?::|$))`,
    );
    return label.test(text);
  });
}

/** Lower case without accents, so that spellings without them match too. */
function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en-US')
    .replace(/\s+/g, ' ');
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
