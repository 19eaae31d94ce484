import { dkimSign, sealMessage } from 'mailauth';
import { generateKeyPairSync } from 'node:crypto';
import { DnsLookup } from '../dnsLookup';
import { SenderVerifier, SenderVerifierOptions } from '../verifySender';

/** The records of one name: answers by type (TXT, A, MX...), or a DNS error code every lookup gets. */
export interface ZoneEntry {
  [rrtype: string]: unknown[] | string | boolean | undefined;
  fail?: string;
  /** Never answers (a DNS server that does not reply). */
  hang?: boolean;
}

/**
 * An in-memory DNS zone for tests: the verifier's only resolver, so no
 * lookup leaves the machine. Every question is recorded in `lookups`.
 */
export function localZone(records: Record<string, ZoneEntry> = {}) {
  const lookups: string[] = [];
  const lookup: DnsLookup = async (name, rrtype) => {
    const key = name.toLowerCase().replace(/\.$/, '');
    lookups.push(`${rrtype} ${key}`);
    const entry = records[key];
    if (entry?.hang) return new Promise(() => undefined);
    if (entry?.fail) throw dnsError(entry.fail, name);
    if (!entry) throw dnsError('ENOTFOUND', name);
    const answer = entry[rrtype];
    if (!Array.isArray(answer) || !answer.length) {
      throw dnsError('ENODATA', name);
    }
    // TXT answers are lists of character-strings.
    return rrtype === 'TXT' ? answer.map(t => [t]) : answer;
  };
  return { lookup, lookups, records };
}

function dnsError(code: string, name: string) {
  return Object.assign(new Error(`${code} ${name}`), { code });
}

/** A verifier over `zone`, with short DNS limits. */
export function zoneVerifier(
  zone: { lookup: DnsLookup },
  options: Partial<SenderVerifierOptions> = {},
): SenderVerifier {
  return new SenderVerifier({
    authservId: 'support.acme.test',
    lookup: zone.lookup,
    lookupTimeoutMs: 200,
    budgetMs: 1000,
    trustedRelays: [],
    trustedArcSealers: [],
    ...options,
  });
}

/** A signing key of a domain, and the DKIM (or ARC) key record to publish for it. */
export function signingKey(domain: string, selector = 'sel') {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 1024,
  });
  const p = publicKey
    .export({ type: 'spki', format: 'der' })
    .toString('base64');
  return {
    domain,
    selector,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    name: `${selector}._domainkey.${domain}`,
    record: `v=DKIM1; k=rsa; p=${p}`,
  };
}

type Key = ReturnType<typeof signingKey>;

/** The message with a DKIM-Signature of `key` on top. */
export async function dkimSigned(raw: Buffer, key: Key): Promise<Buffer> {
  const signer = {
    signingDomain: key.domain,
    selector: key.selector,
    privateKey: key.privateKey,
  };
  // mailauth signs with the entries of signatureData only.
  const signed = await dkimSign(raw, { ...signer, signatureData: [signer] });
  if (signed.errors.length) throw new Error(JSON.stringify(signed.errors));
  return Buffer.concat([Buffer.from(signed.signatures), raw]);
}

/** The message with an ARC set of `key` on top, recording `authResults` as the sealer's findings. */
export async function arcSealed(
  raw: Buffer,
  key: Key,
  authResults: string,
): Promise<Buffer> {
  const headers = await sealMessage(raw, {
    signingDomain: key.domain,
    selector: key.selector,
    privateKey: key.privateKey,
    authResults,
    cv: 'none',
  });
  if (!headers.length) throw new Error(`${key.domain} could not seal`);
  return Buffer.concat([headers, raw]);
}
