import { EmailPreferences } from '@internal/plugin-emails-common';
import { SenderCheck } from '../ingest/classify';

/** Whether a new ticket's sender may get an acknowledgement, and why. */
export interface SenderDecision {
  allowed: boolean;
  reason: string;
}

/**
 * The Email Preference's "Acknowledge new requests from": with `verified`
 * (the default) only a requester who is a catalog user or whose From domain
 * is authenticated ({@link checkSender}) gets one, so spam with a forged
 * From makes us send nothing to the innocent owner of that address
 * (backscatter); `all` acknowledges everyone.
 */
export function acknowledgedSender(input: {
  acknowledgeSenders: EmailPreferences['notifications']['acknowledgeSenders'];
  sender: SenderCheck;
  requesterIsCatalogUser: boolean;
}): SenderDecision {
  if (input.requesterIsCatalogUser) {
    return { allowed: true, reason: 'the requester is a catalog user' };
  }
  if (input.sender.authenticated) {
    return { allowed: true, reason: input.sender.reason };
  }
  if (input.acknowledgeSenders === 'all') {
    return {
      allowed: true,
      reason: `unverified sender (${input.sender.reason}); the Email Preference acknowledges all senders`,
    };
  }
  return {
    allowed: false,
    reason: `unverified sender (${input.sender.reason}) and not a catalog user; the Email Preference acknowledges verified senders only`,
  };
}
