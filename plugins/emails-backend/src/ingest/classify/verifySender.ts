import { HeaderLines } from 'mailparser';
import { authenticate, AuthenticateResult, DKIMResult } from 'mailauth';
import { createSourceCheck } from '../../mail/push/sourceAllowList';
import {
  AuthenticationVerdict,
  normalizeVerdict,
  SenderAuthentication,
  verdicts,
} from './authentication';
import { parseAuthenticationResults } from './authenticationResults';
import { boundedLookup, DnsFailure, DnsLookup } from './dnsLookup';
import { headerValues } from './headers';
import { spfClient, SpfClient } from './spfClient';

/** How the channel verifies senders itself (`emails.senderAuthentication`). */
export interface SenderVerifierOptions {
  /** The authserv-id we report our results under. */
  authservId: string;
  /** Answers DNS questions: the system's resolver in production, a local zone in tests. */
  lookup: DnsLookup;
  /** Longest wait for one DNS answer. */
  lookupTimeoutMs: number;
  /** Longest time all DNS lookups of one message may take together. */
  budgetMs: number;
  /** IPs and CIDR ranges of the organisation's relays, skipped to find the SPF client. */
  trustedRelays: string[];
  /** Domains whose ARC seals vouch for mail they forwarded. */
  trustedArcSealers: string[];
}

/** The channel's own SPF, DKIM, DMARC and ARC results for one message. */
export interface OwnVerification {
  /** Our results, in the shape of a trusted server's. */
  result: SenderAuthentication;
  /** What a trusted ARC sealer recorded before it forwarded the message, when its chain passed. */
  arcVouch?: SenderAuthentication;
  /** Details for the decision trace. */
  detail: Record<string, unknown>;
}

/**
 * Verifies SPF, DKIM, DMARC (From alignment) and ARC with mailauth, on the
 * recorded bytes, with DNS through the given lookup, bounded per message.
 * DNS failures become temperror; nothing here fails a message.
 */
export class SenderVerifier {
  private readonly isTrustedRelay: (ip: string) => boolean;
  private readonly sealers: Set<string>;

  constructor(private readonly options: SenderVerifierOptions) {
    this.isTrustedRelay = createSourceCheck(
      options.trustedRelays,
      'emails.senderAuthentication.trustedRelays',
    );
    this.sealers = new Set(
      options.trustedArcSealers.map(d => d.trim().toLowerCase()),
    );
  }

  /** Verifies one message; `headers` are the parse step's, so the header block is not split again. */
  async verify(raw: Buffer, headers: HeaderLines): Promise<OwnVerification> {
    const client = spfClient(headers, this.isTrustedRelay);
    const dns = boundedLookup(this.options.lookup, {
      timeoutMs: this.options.lookupTimeoutMs,
      budgetMs: this.options.budgetMs,
    });
    try {
      const checked = await authenticate(raw, {
        ...('ip' in client ? client : {}),
        mta: this.options.authservId,
        resolver: dns.lookup,
        disableBimi: true,
      });
      return this.describe(checked, client, dns.failures, headers, raw);
    } catch (error) {
      // mailauth answers DNS trouble with temperror; this is anything unforeseen.
      return failed(this.options.authservId, String(error), dns.failures);
    }
  }

  private describe(
    checked: AuthenticateResult,
    client: SpfClient,
    dnsFailures: DnsFailure[],
    headers: HeaderLines,
    raw: Buffer,
  ): OwnVerification {
    const spf = 'ip' in client && checked.spf ? checked.spf : undefined;
    const dkim = dkimOf(checked.dkim.results ?? [], hasBody(raw));
    const dmarc = checked.dmarc || undefined;
    const arc = checked.arc || undefined;
    const result: SenderAuthentication = {
      spf: spf ? verdictOf(spf.status.result) : 'none',
      spfDomain: spf?.domain,
      dkim: dkim.verdict,
      dmarc: dmarc ? verdictOf(dmarc.status.result) : 'none',
      dmarcDomain: dmarc?.domain ?? checked.dkim.headerFrom[0]?.split('@')[1],
      dmarcPolicy: dmarc?.policy,
      arc: arc ? verdictOf(arc.status.result) : 'none',
      authservId: this.options.authservId.toLowerCase(),
      trusted: true,
      source: 'own verification',
    };
    const sealer = arc?.signature ? arc.signature.signingDomain : undefined;
    return {
      result,
      arcVouch: this.vouch(headers, arc && arc.i, sealer, result),
      detail: {
        ...result,
        source: undefined,
        trusted: undefined,
        spfClient:
          'ip' in client
            ? { ip: client.ip, helo: client.helo, receivedHeader: client.hop }
            : { skipped: client.skipped },
        dkimSignatures: dkim.signatures,
        dmarcSkipped: checked.dmarcSkipReason,
        arcSealer: sealer,
        dnsFailures: dnsFailures.length ? dnsFailures : undefined,
      },
    };
  }

  /**
   * A forwarder that changed the message (a list footer) breaks DKIM, and
   * its own IP fails SPF; when its ARC chain passed and it is trusted, its
   * ARC-Authentication-Results tell what the sender's mail was on arrival.
   */
  private vouch(
    headers: HeaderLines,
    instance: number | false | undefined,
    sealer: string | undefined,
    ours: SenderAuthentication,
  ): SenderAuthentication | undefined {
    if (ours.arc !== 'pass' || !instance || !sealer) return undefined;
    if (!this.sealers.has(sealer.toLowerCase())) return undefined;
    const header = headerValues(headers, 'arc-authentication-results')
      .map(v => parseAuthenticationResults(v, { arc: true }))
      .find(h => h.instance === instance);
    if (!header) return undefined;
    const theirs = verdicts(header, 'ARC-Authentication-Results');
    // They judged the From they saw; a result for another domain proves nothing here.
    if (theirs.dmarcDomain && theirs.dmarcDomain !== ours.dmarcDomain) {
      return undefined;
    }
    return { ...theirs, arc: 'pass', arcSealer: sealer.toLowerCase() };
  }
}

/** A DKIM verdict over all signatures: one that passes is enough. */
function dkimOf(results: DKIMResult[], bodyRecorded: boolean) {
  const signatures = results
    .filter(r => r.signingDomain)
    .map(r => ({
      domain: r.signingDomain!.toLowerCase(),
      verdict: dkimVerdict(r, bodyRecorded),
      comment: r.status.comment || undefined,
    }));
  const verdict: AuthenticationVerdict =
    signatures.find(s => s.verdict === 'pass')?.verdict ??
    signatures[0]?.verdict ??
    'none';
  return { verdict, signatures };
}

function dkimVerdict(r: DKIMResult, bodyRecorded: boolean) {
  // RFC 6376 6.1.3 makes a body hash mismatch a PERMFAIL, reported as fail
  // (mailauth's lenient mode says neutral) - unless the body was not recorded
  // (a message over the size cap is kept from its headers only).
  if (r.status.comment === 'body hash did not verify' && bodyRecorded) {
    return 'fail';
  }
  return verdictOf(r.status.result);
}

function verdictOf(result: string): AuthenticationVerdict {
  return (
    normalizeVerdict(result === 'temperr' ? 'temperror' : result) ?? 'neutral'
  );
}

/** Whether anything follows the header block. */
function hasBody(raw: Buffer): boolean {
  const end = raw.indexOf('\r\n\r\n');
  const at = end >= 0 ? end + 4 : raw.indexOf('\n\n') + 2;
  return at > 1 && at < raw.length;
}

function failed(
  authservId: string,
  error: string,
  dnsFailures: DnsFailure[],
): OwnVerification {
  const result: SenderAuthentication = {
    spf: 'temperror',
    dkim: 'temperror',
    dmarc: 'temperror',
    authservId: authservId.toLowerCase(),
    trusted: true,
    source: 'own verification',
  };
  return { result, detail: { ...result, error, dnsFailures } };
}
