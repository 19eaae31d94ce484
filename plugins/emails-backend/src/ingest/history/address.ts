import { EMAIL, MAX_SEPARATOR_LENGTH } from './patterns';

/** A person as written in a quoted header: address lower-cased, like `addressesOf`. */
export interface Mailbox {
  address: string;
  name?: string;
}

/**
 * Reads the forms clients write a sender in: `Rita <rita@example.com>`,
 * `"Requester, Rita" <rita@example.com>`, Outlook's
 * `Rita [mailto:rita@example.com]`, `rita@example.com`. Undefined when no
 * address is given (Outlook shows only the name of colleagues in its directory).
 */
export function parseMailbox(value: string): Mailbox | undefined {
  if (value.length > MAX_SEPARATOR_LENGTH) return undefined;
  const match = EMAIL.exec(value);
  if (!match) return undefined;
  const address = match[0]
    .replace(/^mailto:/i, '')
    .replace(/[.]+$/, '')
    .toLocaleLowerCase('en-US');
  const name = value
    .slice(0, match.index)
    .replace(/(?:[<[(]|\(<|\[mailto:|<mailto:)\s*$/i, '')
    .trim()
    .replace(/^["'](.*)["']$/, '$1')
    .trim();
  return name && !name.includes('@') ? { address, name } : { address };
}
