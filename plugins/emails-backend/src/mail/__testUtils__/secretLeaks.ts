import { MIN_ANYWHERE_LENGTH, secretForms } from '../secrets';

// A run this long out of a secret gives too much of it away.
const TELLING_RUN = 12;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Asserts that `text` gives none of `secret` away: no form it travels in
 * (the pair with `username`, SASL base64, XOAUTH2), no run of 12 of its
 * characters (a cut through it), and a short secret not as a token.
 */
export function expectNoSecret(
  text: string,
  secret: string,
  username?: string,
): void {
  for (const form of secretForms(secret, username)) {
    if (form.length >= MIN_ANYWHERE_LENGTH) {
      expect(text).not.toContain(form);
    } else {
      const token = new RegExp(
        `(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`,
        'u',
      );
      expect(text).not.toMatch(token);
    }
  }
  for (let i = 0; i + TELLING_RUN <= secret.length; i++) {
    expect(text).not.toContain(secret.slice(i, i + TELLING_RUN));
  }
}
