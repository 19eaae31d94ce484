import { ParsedMail } from 'mailparser';
import {
  AutomaticClassification,
  checkSender,
  classifyAutomatic,
  dmarcDecision,
  readAuthenticationResults,
  SenderCheck,
} from '../classify';
import { StopProcessing, Trace } from '../trace';
import { addressesOf } from './parse';

/** What step 4 needs to know about the channel. */
export interface ClassifyContext {
  ownAddresses: Set<string>;
  messageIdDomain: string;
  serverKeywords: string[];
  trustedAuthservIds: string[];
  dmarcFailure: 'flag' | 'no-thread' | 'quarantine';
}

/** What step 4 found out. */
export interface Classification {
  automatic: AutomaticClassification;
  /** Set when a trusted server checked the sender: true verified, false failed. */
  senderVerified?: boolean;
  /** Why the sender is flagged. */
  senderNote?: string;
  /** DMARC failed and the policy says not to thread into existing tickets. */
  mayThread: boolean;
  /** Whether the From domain is authenticated (DMARC, or SPF aligned with it). */
  sender: SenderCheck;
}

/**
 * Step 4: automatic mail (auto-replies, bounces, lists, our own mail coming
 * back) and sender authentication from trusted Authentication-Results. Our
 * own mail is dropped here; a DMARC failure may quarantine.
 */
export function classifyMessage(
  mail: ParsedMail,
  ctx: ClassifyContext,
  trace: Trace,
): Classification {
  const automatic = classifyAutomatic(mail, {
    keywords: ctx.serverKeywords,
    ownAddresses: ctx.ownAddresses,
    ownMessageIdDomain: ctx.messageIdDomain,
    loopHeaderValue: ctx.messageIdDomain,
  });
  trace.add(
    'classify',
    automatic.kind,
    automatic.kind === 'human' ? undefined : { reason: automatic.reason },
  );
  if (automatic.kind === 'own-loop') {
    throw new StopProcessing(
      'ignored',
      `Our own mail came back: ${automatic.reason}`,
    );
  }
  const results = readAuthenticationResults(
    mail.headerLines,
    ctx.trustedAuthservIds,
  );
  const decision = dmarcDecision(results, ctx.dmarcFailure);
  const sender = checkSender(addressesOf(mail.from)[0]?.address, results);
  trace.add('authenticate', decision.verified ? 'verified' : 'unverified', {
    spf: results.spf ?? null,
    dkim: results.dkim ?? null,
    dmarc: results.dmarc ?? null,
    authservId: results.authservId ?? null,
    action: decision.action,
    reason: decision.reason,
    senderAuthenticated: sender.authenticated,
    sender: sender.reason,
  });
  if (decision.action === 'quarantine') {
    throw new StopProcessing(
      'quarantined',
      `Sender authentication: ${decision.reason}`,
    );
  }
  const checked = results.trusted;
  return {
    automatic,
    senderVerified: checked ? decision.verified : undefined,
    senderNote: decision.action === 'none' ? undefined : decision.reason,
    mayThread: decision.action !== 'no-thread',
    sender,
  };
}
