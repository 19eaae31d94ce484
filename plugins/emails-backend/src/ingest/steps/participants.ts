import { ParsedMail } from 'mailparser';
import { addressesOf } from './parse';
import { MessageSender, senderOf } from './sender';

/** Who a new ticket is from and who else is on it. */
export interface Participants {
  /** The sender (From, or the first fallback header with an address). */
  requester?: MessageSender;
  cc: { address: string; name?: string }[];
}

/**
 * The requester is the message's sender (`senderOf`: From, else Sender,
 * Reply-To, Return-Path; chooseRequester applies the Email Preference); CC users are the recipients of the types the
 * Email Preference counts, never the mailbox's own addresses nor the requester.
 */
export function participantsOf(
  mail: ParsedMail,
  ccRecipientTypes: ('to' | 'cc')[],
  ownAddresses: Set<string>,
): Participants {
  const requester = senderOf(mail);
  const seen = new Set<string>([
    ...ownAddresses,
    ...(requester ? [requester.address] : []),
  ]);
  const cc: Participants['cc'] = [];
  for (const type of ccRecipientTypes) {
    for (const person of addressesOf(type === 'to' ? mail.to : mail.cc)) {
      if (!seen.has(person.address)) {
        seen.add(person.address);
        cc.push(person);
      }
    }
  }
  return { requester, cc };
}
