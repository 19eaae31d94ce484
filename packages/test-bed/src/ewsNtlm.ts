import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
// Node's crypto has no MD4 (OpenSSL 3 moved it to the legacy provider).
import md4 from 'js-md4';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

// NegotiateFlags of MS-NLMP 2.2.2.5.
const NEGOTIATE_UNICODE = 0x00000001;
const NEGOTIATE_OEM = 0x00000002;
const REQUEST_TARGET = 0x00000004;
const NEGOTIATE_NTLM = 0x00000200;
const NEGOTIATE_ALWAYS_SIGN = 0x00008000;
const TARGET_TYPE_DOMAIN = 0x00010000;
const NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
const NEGOTIATE_TARGET_INFO = 0x00800000;

/** A server challenge the stand-in issued (MS-NLMP CHALLENGE_MESSAGE). */
export interface NtlmChallenge {
  /** The 8 random bytes. */
  challenge: Buffer;
  /** Whether strings are UTF-16LE (else OEM) in the AUTHENTICATE message. */
  unicode: boolean;
  issuedAt: number;
}

/** What an AUTHENTICATE (type 3) message says. */
export interface NtlmAuthenticate {
  user: string;
  domain: string;
  workstation: string;
  ntResponse: Buffer;
}

/** The message type (1, 2 or 3) of a base64 NTLM token, or undefined. */
export function ntlmMessage(
  token: string,
): { type: number; bytes: Buffer } | undefined {
  const bytes = Buffer.from(token, 'base64');
  if (bytes.length < 12 || !bytes.subarray(0, 8).equals(SIGNATURE))
    return undefined;
  return { type: bytes.readUInt32LE(8), bytes };
}

function avPair(id: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(value.length, 2);
  return Buffer.concat([head, value]);
}

/** Windows FILETIME (100 ns since 1601) of now, little-endian. */
function fileTime(): Buffer {
  const ticks = (BigInt(Date.now()) + 11644473600000n) * 10000n;
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(ticks);
  return buffer;
}

/**
 * Answers a NEGOTIATE (type 1) message with a CHALLENGE (type 2): 8 random
 * bytes, the NetBIOS/DNS names of the stand-in as target info, NTLMv2
 * (extended session security) and the string encoding the client offered.
 */
export function ntlmChallenge(
  negotiate: Buffer,
  domain: string,
): { header: string; challenge: NtlmChallenge } {
  const offered = negotiate.length >= 16 ? negotiate.readUInt32LE(12) : 0;
  const unicode = (offered & NEGOTIATE_UNICODE) !== 0;
  const flags =
    (unicode ? NEGOTIATE_UNICODE : NEGOTIATE_OEM) |
    REQUEST_TARGET |
    NEGOTIATE_NTLM |
    NEGOTIATE_ALWAYS_SIGN |
    TARGET_TYPE_DOMAIN |
    NEGOTIATE_EXTENDED_SESSIONSECURITY |
    NEGOTIATE_TARGET_INFO;
  const challenge = randomBytes(8);
  const targetName = Buffer.from(domain, unicode ? 'utf16le' : 'latin1');
  const u = (text: string) => Buffer.from(text, 'utf16le');
  const targetInfo = Buffer.concat([
    avPair(2, u(domain)),
    avPair(1, u('EWS')),
    avPair(4, u(domain.toLowerCase())),
    avPair(3, u(`ews.${domain.toLowerCase()}`)),
    avPair(7, fileTime()),
    avPair(0, Buffer.alloc(0)),
  ]);
  const head = Buffer.alloc(48);
  SIGNATURE.copy(head, 0);
  head.writeUInt32LE(2, 8);
  head.writeUInt16LE(targetName.length, 12);
  head.writeUInt16LE(targetName.length, 14);
  head.writeUInt32LE(48, 16);
  head.writeUInt32LE(flags >>> 0, 20);
  challenge.copy(head, 24);
  head.writeUInt16LE(targetInfo.length, 40);
  head.writeUInt16LE(targetInfo.length, 42);
  head.writeUInt32LE(48 + targetName.length, 44);
  const message = Buffer.concat([head, targetName, targetInfo]);
  return {
    header: `NTLM ${message.toString('base64')}`,
    challenge: { challenge, unicode, issuedAt: Date.now() },
  };
}

function field(bytes: Buffer, at: number): Buffer | undefined {
  if (bytes.length < at + 8) return undefined;
  const length = bytes.readUInt16LE(at);
  const offset = bytes.readUInt32LE(at + 4);
  if (offset + length > bytes.length) return undefined;
  return bytes.subarray(offset, offset + length);
}

/** Reads an AUTHENTICATE (type 3) message; undefined when malformed. */
export function ntlmAuthenticate(
  bytes: Buffer,
  unicode: boolean,
): NtlmAuthenticate | undefined {
  if (bytes.length < 52 || bytes.readUInt32LE(8) !== 3) return undefined;
  const ntResponse = field(bytes, 20);
  const domain = field(bytes, 28);
  const user = field(bytes, 36);
  const workstation = field(bytes, 44);
  if (!ntResponse || !domain || !user || !workstation) return undefined;
  const text = (b: Buffer) => b.toString(unicode ? 'utf16le' : 'latin1');
  return {
    user: text(user),
    domain: text(domain),
    workstation: text(workstation),
    ntResponse: Buffer.from(ntResponse),
  };
}

/**
 * Checks an NTLMv2 response (MS-NLMP 3.3.2): NTProofStr, the first 16 bytes,
 * must be HMAC-MD5(NTOWFv2, server challenge + the rest). NTLMv1 (a 24-byte
 * response) is refused, as Exchange Online and hardened servers refuse it.
 */
export function ntlmV2Valid(
  message: NtlmAuthenticate,
  password: string,
  challenge: Buffer,
): boolean {
  const response = message.ntResponse;
  if (response.length <= 24) return false;
  const ntHash = Buffer.from(md4.arrayBuffer(Buffer.from(password, 'utf16le')));
  const ntowfv2 = createHmac('md5', ntHash)
    .update(Buffer.from(message.user.toUpperCase() + message.domain, 'utf16le'))
    .digest();
  const proof = createHmac('md5', ntowfv2)
    .update(Buffer.concat([challenge, response.subarray(16)]))
    .digest();
  return timingSafeEqual(proof, response.subarray(0, 16));
}
