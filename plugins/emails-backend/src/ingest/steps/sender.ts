import { AddressObject, ParsedMail } from 'mailparser';
import { addressesOf } from './parse';

/** The header a message's sender address was read from. */
export type SenderHeader = 'from' | 'sender' | 'reply-to' | 'return-path';

/** Who sent a message, and which header said so. */
export interface MessageSender {
  address: string;
  name?: string;
  header: SenderHeader;
}

/** The quarantine reason of a message no header gives a sender address. */
export const NO_SENDER_REASON =
  'Message has no address in From, Sender, Reply-To or Return-Path to make the requester';

type AddressField = AddressObject | AddressObject[] | undefined;

/**
 * The message's sender: From; when From has no address (a bare name, an
 * empty or broken header), Sender, then Reply-To, then Return-Path. SMTP push
 * writes the envelope sender as Return-Path, fetched mail has the one its
 * last server wrote, so Return-Path is the envelope sender for both. A null
 * `<>` Return-Path (a bounce) names nobody and does not count.
 */
export function senderOf(mail: ParsedMail): MessageSender | undefined {
  const fields: [SenderHeader, AddressField][] = [
    ['from', mail.from],
    ['sender', mail.headers.get('sender') as AddressField],
    ['reply-to', mail.replyTo],
    ['return-path', returnPathOf(mail)],
  ];
  // A From with only a name still names the person the fallback address is for.
  const fromName = mail.from?.value.find(a => a.name)?.name || undefined;
  for (const [header, field] of fields) {
    const [first] = addressesOf(field).filter(a => a.address.includes('@'));
    if (first) {
      return { ...first, name: first.name ?? fromName, header };
    }
  }
  return undefined;
}

/** The sender's address, or undefined; for steps that need only the address. */
export function senderAddressOf(mail: ParsedMail): string | undefined {
  return senderOf(mail)?.address;
}

/** The topmost Return-Path: the one the last server (or our SMTP listener) wrote. */
function returnPathOf(mail: ParsedMail): AddressField {
  const value = mail.headers.get('return-path') as AddressField;
  return Array.isArray(value) ? value[0] : value;
}
