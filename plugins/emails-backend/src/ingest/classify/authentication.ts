import { HeaderLines } from 'mailparser';
import { headerValues } from './headers';
import {
  MethodResult,
  parseAuthenticationResults,
  ParsedAuthenticationResults,
} from './authenticationResults';

/** A result of SPF, DKIM or DMARC as RFC 8601 names them. */
export type AuthenticationVerdict =
  | 'pass'
  | 'fail'
  | 'softfail'
  | 'neutral'
  | 'none'
  | 'temperror'
  | 'permerror';

/** What a trusted mail server, or our own verification, said about the sender (for the trace and the badge). */
export interface SenderAuthentication {
  spf?: AuthenticationVerdict;
  dkim?: AuthenticationVerdict;
  dmarc?: AuthenticationVerdict;
  /** Whether the message's ARC chain validated. */
  arc?: AuthenticationVerdict;
  /** The From domain's DMARC policy (`p=` or `sp=`): none, quarantine or reject; own verification only. */
  dmarcPolicy?: string;
  /** The trusted forwarder whose ARC seal vouches for these results. */
  arcSealer?: string;
  /** The domain SPF checked (`smtp.mailfrom`, the envelope sender's domain). */
  spfDomain?: string;
  /** The From domain DMARC checked (`header.from`). */
  dmarcDomain?: string;
  authservId?: string;
  /** True when the results come from a server in the trusted list, or from our own verification. */
  trusted: boolean;
  source:
    | 'Authentication-Results'
    | 'ARC-Authentication-Results'
    | 'own verification'
    | 'none';
}

/** What the DMARC policy of the Email Preference does with a failure. */
export type DmarcPolicy = 'flag' | 'no-thread' | 'quarantine';

/** The answer of {@link dmarcDecision}. */
export interface DmarcDecision {
  /** True only for a DMARC pass from a trusted server; false shows the "unverified sender" badge. */
  verified: boolean;
  action: 'none' | DmarcPolicy;
  reason: string;
}

/**
 * Reads the sender's SPF, DKIM and DMARC results from the headers our own
 * mail servers added. Anyone can write an Authentication-Results header, so
 * only those whose authserv-id is trusted count. Servers prepend headers,
 * so the topmost trusted one is the one our server added last; a header
 * further down with a trusted id may have come with the message (forged),
 * and so is never read. Without a trusted Authentication-Results header,
 * the trusted ARC-Authentication-Results with the highest instance (the
 * last hop, e.g. Exchange Online, whose own Authentication-Results has no
 * authserv-id) is read. ARC seals are not verified here.
 */
export function readAuthenticationResults(
  headers: HeaderLines,
  trustedAuthservIds: string[],
): SenderAuthentication {
  const trusted = new Set(
    trustedAuthservIds.map(id => id.trim().toLowerCase()),
  );
  const isTrusted = (h: ParsedAuthenticationResults) =>
    !!h.authservId && trusted.has(h.authservId);
  const ar = headerValues(headers, 'authentication-results')
    .map(v => parseAuthenticationResults(v))
    .find(isTrusted);
  if (ar) return verdicts(ar, 'Authentication-Results');
  const arc = headerValues(headers, 'arc-authentication-results')
    .map(v => parseAuthenticationResults(v, { arc: true }))
    .filter(isTrusted)
    .reduce<ParsedAuthenticationResults | undefined>(
      (best, h) =>
        !best || (h.instance ?? 0) > (best.instance ?? 0) ? h : best,
      undefined,
    );
  if (arc) return verdicts(arc, 'ARC-Authentication-Results');
  return { trusted: false, source: 'none' };
}

/**
 * What a DMARC result means for the message: a pass verifies the sender; a
 * fail gets the configured policy; anything else from a trusted server
 * (no DMARC record, a DNS error) is unverified and flagged. Without a
 * trusted server nothing can be judged: unverified, but no action, so a
 * portal with no trusted server configured does not flag every message.
 */
export function dmarcDecision(
  result: SenderAuthentication,
  policy: DmarcPolicy,
): DmarcDecision {
  if (!result.trusted) {
    return {
      verified: false,
      action: 'none',
      reason: 'no Authentication-Results from a trusted mail server',
    };
  }
  const from = describeSource(result);
  if (result.dmarc === 'pass') {
    return { verified: true, action: 'none', reason: `DMARC pass (${from})` };
  }
  if (result.dmarc === 'fail' && result.dmarcPolicy === 'none') {
    // The domain's owner asked receivers to take no action (monitoring mode).
    return {
      verified: false,
      action: 'flag',
      reason: `DMARC fail (${from}); the domain's DMARC policy is none, so only flagged`,
    };
  }
  if (result.dmarc === 'fail') {
    return {
      verified: false,
      action: policy,
      reason: `DMARC fail (${from}); DMARC policy: ${policy}`,
    };
  }
  return {
    verified: false,
    action: 'flag',
    reason: `DMARC ${
      result.dmarc ?? 'not checked'
    } (${from}): sender not verified`,
  };
}

function describeSource(result: SenderAuthentication): string {
  if (result.source === 'own verification') {
    return `our verification as ${result.authservId}`;
  }
  const via = result.arcSealer
    ? `, vouched by ARC seal of ${result.arcSealer}`
    : '';
  return `${result.source} of ${result.authservId}${via}`;
}

/** SPF, DKIM and DMARC as one (ARC-)Authentication-Results header records them. */
export function verdicts(
  header: ParsedAuthenticationResults,
  source: SenderAuthentication['source'],
): SenderAuthentication {
  const spf = resultOf(header, 'spf');
  const dmarc = resultOf(header, 'dmarc');
  return {
    spf: spf?.verdict,
    dkim: resultOf(header, 'dkim')?.verdict,
    dmarc: dmarc?.verdict,
    spfDomain: domainOf(spf?.properties['smtp.mailfrom']),
    dmarcDomain: domainOf(dmarc?.properties['header.from']),
    authservId: header.authservId,
    trusted: true,
    source,
  };
}

// Several DKIM signatures give several results: one that passes is enough.
function resultOf(
  header: ParsedAuthenticationResults,
  method: string,
): (MethodResult & { verdict: AuthenticationVerdict }) | undefined {
  const all = header.results
    .filter(r => r.method === method)
    .map(r => ({ ...r, verdict: normalizeVerdict(r.result) }))
    .filter(
      (r): r is MethodResult & { verdict: AuthenticationVerdict } =>
        !!r.verdict,
    );
  return all.find(r => r.verdict === 'pass') ?? all[0];
}

/** The domain of an address (`rita@example.com`) or a bare domain, lower-cased. */
function domainOf(value?: string): string | undefined {
  const domain = value
    ?.slice(value.lastIndexOf('@') + 1)
    .trim()
    .replace(/\.$/, '')
    .toLowerCase();
  return domain || undefined;
}

const SYNONYMS: Record<string, AuthenticationVerdict> = {
  pass: 'pass',
  fail: 'fail',
  hardfail: 'fail', // RFC 5451 wording for an SPF fail
  softfail: 'softfail',
  neutral: 'neutral',
  none: 'none',
  bestguesspass: 'none', // Exchange Online: no DMARC record, it guessed
  policy: 'neutral', // verified, but refused by a local policy
  temperror: 'temperror',
  permerror: 'permerror',
};

/** The RFC 8601 verdict of a result word, with vendors' synonyms. */
export function normalizeVerdict(
  result: string,
): AuthenticationVerdict | undefined {
  return SYNONYMS[result];
}
