import { ParsedMail } from 'mailparser';
import { addressesOf } from './parse';

/** Who a new ticket is from and who else is on it. */
export interface Participants {
  requester?: { address: string; name?: string };
  cc: { address: string; name?: string }[];
}

/**
 * The requester is From (Reply-To handling and forwarded mail come with the
 * Email Preference issue); CC users are the recipients of the types the
 * Email Preference counts, never the mailbox's own addresses nor the requester.
 */
export function participantsOf(
  mail: ParsedMail,
  ccRecipientTypes: ('to' | 'cc')[],
  ownAddresses: Set<string>,
): Participants {
  const [requester] = addressesOf(mail.from);
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
