import { ParsedMail } from 'mailparser';
import { addressesOf } from '../steps/parse';
import { AUTOMATIC_RULES } from './automaticRules';
import { headerValues } from './headers';

/** What kind of mail a message is: a person's, or one of the automatic kinds. */
export type AutomaticKind =
  | 'auto-reply'
  | 'bulk'
  | 'list'
  | 'bounce'
  | 'own-loop';

/** The answer of {@link classifyAutomatic}. */
export type AutomaticClassification =
  | { kind: 'human' }
  | { kind: AutomaticKind; reason: string };

/** What {@link classifyAutomatic} knows about us. */
export interface AutomaticOptions {
  /** The server's subject keywords of automatic replies (seed 001), matched besides the defaults. */
  keywords: string[];
  /** Every mailbox address and alias. */
  ownAddresses: Set<string>;
  /** The domain of the Message-IDs we generate. */
  ownMessageIdDomain?: string;
  /** The value we put in `X-Loop` on mail we send. */
  loopHeaderValue?: string;
  /**
   * List-Ids of groups that deliver to our mailbox (a Google Group in front of
   * support@): their List-* and `Precedence: list` headers mean nothing here.
   */
  ownListIds?: string[];
}

/**
 * Decides whether a message was sent by a person or by a machine. The first
 * of {@link AUTOMATIC_RULES} that matches wins; their order is explained
 * there. `X-Auto-Response-Suppress` never decides: Outlook and Exchange set
 * it on ordinary mail a person wrote; it asks us not to auto-reply (see
 * {@link autoRepliesSuppressed}), it does not say the mail is automatic.
 */
export function classifyAutomatic(
  mail: ParsedMail,
  options: AutomaticOptions,
): AutomaticClassification {
  const from = addressesOf(mail.from)[0]?.address;
  for (const rule of AUTOMATIC_RULES) {
    const decision = rule({ mail, options, from });
    if (decision) return decision;
  }
  return { kind: 'human' };
}

/**
 * True when the sender asked for no automatic replies
 * (`X-Auto-Response-Suppress: All` or `AutoReply`, as Outlook sets on
 * ordinary mail): the acknowledgement step should honour it.
 */
export function autoRepliesSuppressed(mail: ParsedMail): boolean {
  return headerValues(mail.headerLines, 'x-auto-response-suppress').some(v =>
    v.split(/[\s,]+/).some(token => /^(all|autoreply)$/i.test(token)),
  );
}
