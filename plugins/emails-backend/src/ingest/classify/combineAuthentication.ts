import { SenderAuthentication } from './authentication';
import { OwnVerification } from './verifySender';

/**
 * The one result the DMARC policy and the acknowledgement check judge,
 * from the trusted servers' Authentication-Results and our own checks:
 *
 * 1. A DMARC pass counts wherever it comes from: our own verification, a
 *    trusted forwarder's ARC seal (when our DMARC failed, as forwarding
 *    breaks SPF and list footers break DKIM), or a trusted server.
 * 2. Otherwise a DMARC fail counts, ours before a trusted server's.
 * 3. Otherwise (no DMARC record, DNS trouble) our result stands when we
 *    verified, so SPF aligned with From may still authenticate the sender;
 *    without our verification, the trusted server's, as before.
 */
export function combineAuthentication(
  theirs: SenderAuthentication,
  ours: OwnVerification | undefined,
): SenderAuthentication {
  if (!ours) return theirs;
  const trustedServer = theirs.trusted ? theirs : undefined;
  const candidates = [ours.result, ours.arcVouch, trustedServer].filter(
    (c): c is SenderAuthentication => !!c,
  );
  return (
    candidates.find(c => c.dmarc === 'pass') ??
    candidates.find(c => c.dmarc === 'fail' && c !== ours.arcVouch) ??
    ours.result
  );
}
