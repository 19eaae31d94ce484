import { ParsedMail } from 'mailparser';
import {
  AutomaticClassification,
  checkSender,
  classifyAutomatic,
  combineAuthentication,
  dmarcDecision,
  readAuthenticationResults,
  SenderAuthentication,
  SenderCheck,
  SenderVerifier,
} from '../classify';
import { StopProcessing, Trace } from '../trace';
import { senderAddressOf } from './sender';

/** What step 4 needs to know about the channel. */
export interface ClassifyContext {
  ownAddresses: Set<string>;
  messageIdDomain: string;
  serverKeywords: string[];
  trustedAuthservIds: string[];
  dmarcFailure: 'flag' | 'no-thread' | 'quarantine';
  /** Our own SPF, DKIM, DMARC and ARC checks; without it only trusted servers' results count. */
  verifier?: SenderVerifier;
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
  /** The combined SPF, DKIM and DMARC results, as incoming email rules see them. */
  authentication: Partial<Record<'spf' | 'dkim' | 'dmarc', string>>;
}

/**
 * Step 4: automatic mail (auto-replies, bounces, lists, our own mail coming
 * back) and sender authentication: our own verification of the recorded
 * bytes `raw` with trusted servers' Authentication-Results. Our own mail is
 * dropped here; a DMARC failure may quarantine.
 */
export async function classifyMessage(
  mail: ParsedMail,
  ctx: ClassifyContext,
  trace: Trace,
  raw?: Buffer,
): Promise<Classification> {
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
  const { results, decision, sender } = await authenticateSender(
    mail,
    ctx,
    trace,
    raw,
  );
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
    authentication: {
      ...(results.spf ? { spf: results.spf } : {}),
      ...(results.dkim ? { dkim: results.dkim } : {}),
      ...(results.dmarc ? { dmarc: results.dmarc } : {}),
    },
  };
}

/**
 * The authenticate step: our own verification (when configured and the raw
 * bytes are given) combined with the trusted servers' Authentication-Results,
 * the DMARC decision and whether the From domain is authenticated.
 */
async function authenticateSender(
  mail: ParsedMail,
  ctx: ClassifyContext,
  trace: Trace,
  raw: Buffer | undefined,
) {
  const theirs = readAuthenticationResults(
    mail.headerLines,
    ctx.trustedAuthservIds,
  );
  const ours =
    raw && ctx.verifier
      ? await ctx.verifier.verify(raw, mail.headerLines)
      : undefined;
  const results = combineAuthentication(theirs, ours);
  const decision = dmarcDecision(results, ctx.dmarcFailure);
  const sender = checkSender(senderAddressOf(mail), results);
  trace.add('authenticate', decision.verified ? 'verified' : 'unverified', {
    spf: results.spf ?? null,
    dkim: results.dkim ?? null,
    dmarc: results.dmarc ?? null,
    authservId: results.authservId ?? null,
    decidedBy: results.source,
    ours: ours?.detail ?? 'not verified (emails.senderAuthentication.verify)',
    trustedServer: trustedServerDetail(theirs),
    vouchedByArc: results.arcSealer,
    action: decision.action,
    reason: decision.reason,
    senderAuthenticated: sender.authenticated,
    sender: sender.reason,
  });
  return { results, decision, sender };
}

function trustedServerDetail(theirs: SenderAuthentication) {
  return theirs.trusted ? { ...theirs, trusted: undefined } : 'none';
}
