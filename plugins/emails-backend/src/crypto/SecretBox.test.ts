import { generateKey, parseKey, SecretBox } from './SecretBox';

describe('SecretBox', () => {
  const oldKey = parseKey(generateKey(), 'test');
  const newKey = parseKey(generateKey(), 'test');

  it('seals and opens, with a fresh IV each time', () => {
    const box = new SecretBox(newKey);
    const a = box.seal({ password: 'hunter2' });
    const b = box.seal({ password: 'hunter2' });
    expect(a).not.toEqual(b);
    expect(a).not.toContain('hunter2');
    expect(box.open(a)).toEqual({ password: 'hunter2' });
  });

  it('still opens secrets sealed with a previous key after rotation', () => {
    const sealedBefore = new SecretBox(oldKey).seal({ password: 'old' });
    const rotated = new SecretBox(newKey, [oldKey]);
    expect(rotated.open(sealedBefore)).toEqual({ password: 'old' });
    expect(rotated.isStale(sealedBefore)).toBe(true);
    expect(rotated.isStale(rotated.seal({}))).toBe(false);
    expect(() => new SecretBox(newKey).open(sealedBefore)).toThrow(
      `encrypted with key ${oldKey.id}, which is not configured`,
    );
  });

  it('refuses tampered ciphertexts', () => {
    const box = new SecretBox(newKey);
    const parts = box.seal({ password: 'x' }).split(':');
    const body = Buffer.from(parts[4], 'base64');
    body[0] ^= 1;
    parts[4] = body.toString('base64');
    expect(() => box.open(parts.join(':'))).toThrow();
  });

  it('accepts base64 and hex keys of 32 bytes and refuses passphrases', () => {
    expect(parseKey('a'.repeat(64), 'k').bytes).toHaveLength(32);
    expect(() =>
      parseKey('correct horse battery staple', 'emails.encryption.key'),
    ).toThrow(
      'emails.encryption.key must be 32 random bytes, base64 or hex encoded',
    );
  });
});
