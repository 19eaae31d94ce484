import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a thread token names: the ticket and the conversation entry a message was sent for. */
export interface ThreadTokenFields {
  ticketId: string;
  entryId: string;
}

/** The hidden marker we put in the bodies we send, once for each body part. */
export interface BodyMarker {
  /** A short bracketed line, to append on its own line at the end of the text part. */
  text: string;
  /** An element hidden from readers, for the end of the HTML part. */
  html: string;
}

// Ids go into a dot-atom, so no dots and nothing outside RFC 5322 atext.
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const NONCE_BYTES = 10; // 16 base32 characters: Message-IDs stay unique per send
const MAC_BYTES = 15; // 120 bits, 24 base32 characters
const MAC_CONTEXT = 'emails-thread-token-v1';
// A hostile message can carry any number of token look-alikes; each costs one HMAC per key.
const MAX_TOKENS_CHECKED = 50;
const TOKEN = new RegExp(
  String.raw`(?<![A-Za-z0-9_.-])t\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64})` +
    String.raw`\.([a-z2-7]{16})\.([a-z2-7]{24})(?![A-Za-z0-9_-])`,
  'gi',
);
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * Signs and verifies the tokens that thread replies back to tickets. The token
 * `t.{ticketId}.{entryId}.{nonce}.{mac}` is the local part of the Message-IDs
 * we send and the content of the body marker; only the holder of the key can
 * make one, so a valid token proves the sender replied to our mail.
 * Older keys keep verifying so the key can be rotated without breaking threads.
 */
export class ThreadTokens {
  private readonly keys: Buffer[];

  constructor(key: Buffer, olderKeys: Buffer[] = []) {
    for (const k of [key, ...olderKeys]) {
      if (k.length < 32) {
        throw new Error('Thread token keys must be at least 32 bytes');
      }
    }
    this.keys = [key, ...olderKeys];
  }

  /** A fresh signed token for one conversation entry of a ticket. */
  token(fields: ThreadTokenFields): string {
    checkIds(fields);
    const nonce = base32(randomBytes(NONCE_BYTES));
    const mac = macOf(this.keys[0], fields, nonce);
    return `t.${fields.ticketId}.${fields.entryId}.${nonce}.${mac}`;
  }

  /** The Message-ID for a message we send: `<t.{ticketId}.{entryId}.{nonce}.{mac}@{domain}>`. */
  messageId(fields: ThreadTokenFields & { domain: string }): string {
    // The domain becomes a header value: refuse anything that is not a plain host name.
    const labels = fields.domain.replace(/\.$/, '').split('.');
    if (fields.domain.length > 253 || !labels.every(l => LABEL.test(l))) {
      throw new Error(`Not a domain for a Message-ID: ${fields.domain}`);
    }
    const { ticketId, entryId } = fields;
    return `<${this.token({ ticketId, entryId })}@${labels.join('.')}>`;
  }

  /**
   * The marker for the bodies we send. Replies quote the text line and most
   * clients keep hidden HTML, so it survives when headers get lost
   * (forwarding through other systems, clients that drop References).
   */
  bodyMarker(fields: ThreadTokenFields): BodyMarker {
    const ref = `[ref:${this.token(fields)}]`;
    const hidden = [
      'display:none',
      'mso-hide:all',
      'font-size:0',
      'line-height:0',
      'max-height:0',
      'overflow:hidden',
      'opacity:0',
    ].join(';');
    return {
      text: ref,
      html: `<div style="${hidden}" aria-hidden="true">${ref}</div>`,
    };
  }

  /** Every validly signed token in a text, each ticket and entry once, in order of appearance. */
  verify(text: string | undefined): ThreadTokenFields[] {
    const found: ThreadTokenFields[] = [];
    const seen = new Set<string>();
    let checked = 0;
    for (const match of (text ?? '').matchAll(TOKEN)) {
      if (++checked > MAX_TOKENS_CHECKED) break;
      const [, ticketId, entryId, nonce, mac] = match;
      const fields = { ticketId, entryId };
      const id = `${ticketId}\0${entryId}`;
      if (!seen.has(id) && this.isSigned(fields, nonce, mac)) {
        seen.add(id);
        found.push(fields);
      }
    }
    return found;
  }

  private isSigned(
    fields: ThreadTokenFields,
    nonce: string,
    mac: string,
  ): boolean {
    // Every key is tried, so the time taken does not tell which one matched.
    let valid = false;
    for (const key of this.keys) {
      const expected = macOf(key, fields, nonce.toLowerCase());
      valid = safeEqual(expected, mac.toLowerCase()) || valid;
    }
    return valid;
  }
}

/** Compares two strings in time independent of where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // timingSafeEqual throws on unequal lengths; the length itself is public (fixed by the format).
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}

function checkIds({ ticketId, entryId }: ThreadTokenFields) {
  for (const [name, value] of Object.entries({ ticketId, entryId })) {
    if (!ID.test(value)) {
      throw new Error(
        `A thread token ${name} must be 1-64 letters, digits, '-' or '_'`,
      );
    }
  }
}

function macOf(key: Buffer, fields: ThreadTokenFields, nonce: string): string {
  const mac = createHmac('sha256', key)
    .update([MAC_CONTEXT, fields.ticketId, fields.entryId, nonce].join('\0'))
    .digest()
    .subarray(0, MAC_BYTES);
  return base32(mac);
}

/** RFC 4648 base32, lower case, unpadded: atext, and a case-folded nonce or MAC still verifies. */
function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}
