import { EmailPreferences } from '@internal/plugin-emails-common';
import { ParsedMail } from 'mailparser';
import { parseForward } from '../history';
import { Trace } from '../trace';
import { addressesOf } from './parse';

type Person = { address: string; name?: string };

/** Who a new ticket is for, and a note when that choice deserves a look. */
export interface RequesterChoice {
  requester: Person;
  note?: string;
}

const domainOf = (address: string) => address.split('@')[1] ?? '';

/**
 * The Email Preference's requester rules (seed 002): a mail a technician
 * forwarded is for its original sender; with "Use Reply-To", Reply-To is the
 * requester, flagged when its domain differs from a From nobody verified.
 */
export async function chooseRequester(
  mail: ParsedMail,
  from: Person,
  options: {
    prefs: EmailPreferences;
    technicianGroup?: string;
    senderVerified?: boolean;
    isTechnician: (
      email: string,
      group?: string,
    ) => Promise<string | undefined>;
  },
  trace: Trace,
): Promise<RequesterChoice> {
  const { prefs } = options;
  if (prefs.forwardedByTechnicianUsesOriginalSender) {
    const technician = await options.isTechnician(
      from.address,
      options.technicianGroup,
    );
    const forward = technician
      ? parseForward({
          subject: mail.subject,
          text: mail.text,
          html: typeof mail.html === 'string' ? mail.html : undefined,
          attachedMessages: mail.attachments
            .filter(a => a.contentType === 'message/rfc822')
            .map(a => ({
              from: /^from:\s*(.+)$/im.exec(a.content.toString('utf8'))?.[1],
            })),
        })
      : undefined;
    if (forward) {
      trace.add(
        'requester',
        `forwarded by technician ${technician}: the original sender is the requester`,
        {
          forwardedBy: from.address,
          requester: forward.originalFrom.address,
        },
      );
      return { requester: forward.originalFrom };
    }
  }
  const [replyTo] = addressesOf(mail.replyTo);
  if (
    prefs.useReplyToAsRequester &&
    replyTo &&
    replyTo.address !== from.address
  ) {
    if (
      domainOf(replyTo.address) !== domainOf(from.address) &&
      options.senderVerified !== true
    ) {
      const note = `Reply-To ${replyTo.address} is in another domain than the unverified From ${from.address}`;
      trace.add('requester', 'Reply-To as requester, flagged', { note });
      return { requester: replyTo, note };
    }
    trace.add('requester', 'Reply-To as requester', {
      requester: replyTo.address,
    });
    return { requester: replyTo };
  }
  return { requester: from };
}
