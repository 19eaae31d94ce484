import { SenderAuthentication } from './authentication';

/** Whether a message's From address is known to be genuine, and why. */
export interface SenderCheck {
  authenticated: boolean;
  /** One line for the trace and the audit, e.g. `DMARC pass for example.com`. */
  reason: string;
}

/**
 * Whether the From domain of a message is authenticated: DMARC passed for
 * it, or SPF passed for an envelope domain aligned with it (the same domain
 * or one below it, as bulk senders use for bounces). The results are the
 * combined ones of step 4 ({@link combineAuthentication}): the channel's own
 * verification, a trusted ARC sealer's, or those a trusted mail server
 * recorded (`emails.senderAuthentication.trustedAuthservIds`, read by
 * {@link readAuthenticationResults}).
 */
export function checkSender(
  from: string | undefined,
  results: SenderAuthentication,
): SenderCheck {
  const fromDomain = domainOf(from);
  if (!fromDomain) {
    return { authenticated: false, reason: 'the message has no From address' };
  }
  if (!results.trusted) {
    return {
      authenticated: false,
      reason: 'no Authentication-Results from a trusted mail server',
    };
  }
  const { dmarc, dmarcDomain, spf, spfDomain } = results;
  // The server judged the From it saw; a result for another domain proves nothing here.
  if (dmarc === 'pass' && (!dmarcDomain || dmarcDomain === fromDomain)) {
    return { authenticated: true, reason: `DMARC pass for ${fromDomain}` };
  }
  if (spf === 'pass' && spfDomain && aligned(spfDomain, fromDomain)) {
    return {
      authenticated: true,
      reason: `SPF pass for ${spfDomain}, aligned with ${fromDomain}`,
    };
  }
  return {
    authenticated: false,
    reason: `${fromDomain} not verified: ${described(
      'DMARC',
      dmarc,
      dmarcDomain,
    )}, ${described('SPF', spf, spfDomain)}`,
  };
}

function described(method: string, verdict?: string, domain?: string) {
  if (!verdict) return `no ${method} result`;
  return `${method} ${verdict}${domain ? ` for ${domain}` : ''}`;
}

function aligned(envelopeDomain: string, fromDomain: string): boolean {
  return (
    envelopeDomain === fromDomain || envelopeDomain.endsWith(`.${fromDomain}`)
  );
}

function domainOf(address: string | undefined): string | undefined {
  const at = address?.lastIndexOf('@') ?? -1;
  return at > 0 ? address!.slice(at + 1).toLowerCase() : undefined;
}
