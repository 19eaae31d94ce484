import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
} from 'node:crypto';

const FORMAT = 'v1';

/** An encryption key with the short id stored beside each ciphertext. */
interface Key {
  id: string;
  bytes: Buffer;
}

/**
 * Parses a key: 32 bytes as base64 (or base64url) or 64 hex characters.
 * Passphrases are refused: a weak key would make encryption at rest theatre.
 */
export function parseKey(text: string, where: string): Key {
  const trimmed = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    bytes = Buffer.from(trimmed, 'hex');
  } else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    bytes = Buffer.from(
      trimmed.replace(/-/g, '+').replace(/_/g, '/'),
      'base64',
    );
  }
  if (!bytes || bytes.length !== 32) {
    throw new Error(
      `${where} must be 32 random bytes, base64 or hex encoded (for example: openssl rand -base64 32)`,
    );
  }
  const id = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  return { id, bytes };
}

/** A new random key, base64 encoded, for the local portal. */
export function generateKey(): string {
  return randomBytes(32).toString('base64');
}

/**
 * AES-256-GCM encryption of secrets at rest. Encrypts with the current key;
 * decrypts with whichever configured key a ciphertext names, so keys can be
 * rotated: add the new key, move the old one to `previousKeys`, re-save.
 */
export class SecretBox {
  private readonly current: Key;
  private readonly byId: Map<string, Key>;

  constructor(current: Key, previous: Key[] = []) {
    this.current = current;
    this.byId = new Map([...previous, current].map(k => [k.id, k]));
  }

  /** Id of the key new ciphertexts use. */
  get currentKeyId(): string {
    return this.current.id;
  }

  /** Encrypts a JSON-able value; the result names the key that sealed it. */
  seal(value: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv);
    cipher.setAAD(Buffer.from(`${FORMAT}:${this.current.id}`));
    const body = Buffer.concat([
      cipher.update(JSON.stringify(value), 'utf8'),
      cipher.final(),
    ]);
    return [FORMAT, this.current.id, iv, cipher.getAuthTag(), body]
      .map(p => (Buffer.isBuffer(p) ? p.toString('base64') : p))
      .join(':');
  }

  /** Decrypts what `seal` made; fails without the key or when tampered with. */
  open<T>(sealed: string): T {
    const [format, keyId, iv, tag, body] = sealed.split(':');
    if (format !== FORMAT || !body) {
      throw new Error('Stored secret has an unknown format');
    }
    const key = this.byId.get(keyId);
    if (!key) {
      throw new Error(
        `Stored secret was encrypted with key ${keyId}, which is not configured (emails.encryption.key or previousKeys)`,
      );
    }
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key.bytes,
      Buffer.from(iv, 'base64'),
    );
    decipher.setAAD(Buffer.from(`${format}:${keyId}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(body, 'base64')),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString('utf8')) as T;
  }

  /** True when a ciphertext was sealed with an older key and should be re-sealed. */
  isStale(sealed: string): boolean {
    return sealed.split(':')[1] !== this.current.id;
  }
}
