import {
  loginResponse,
  plainResponse,
  xoauth2Response,
} from '../protocols/sasl';

/** Secrets shorter than this are masked only where they stand as a token. */
export const MIN_ANYWHERE_LENGTH = 6;

const b64 = (value: string | Buffer) =>
  Buffer.from(value as string).toString('base64');

/**
 * The base64 characters that depend on the secret's bytes alone, for each
 * of the three ways it can line up in a longer encoded text (an AUTH PLAIN
 * or OAUTHBEARER payload with another username, an HTTP Basic header).
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [0, 1, 2].map(shift => {
    const encoded = b64(Buffer.concat([Buffer.alloc(shift), bytes]));
    const total = shift + bytes.length;
    return encoded.slice(
      Math.ceil((8 * shift) / 6),
      Math.floor((8 * total) / 6),
    );
  });
}

/** How a secret reads inside JSON and URLs, when that differs from itself. */
function escapedForms(secret: string): string[] {
  return [JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
}

/**
 * Every form a secret travels in: itself, escaped, base64 (AUTH LOGIN),
 * and with the username the pair `user:secret`, HTTP Basic, AUTH PLAIN
 * (with an empty or repeated authorization id) and XOAUTH2. Long secrets
 * also give the base64 characters that only they determine, so the secret
 * is masked inside any base64 text that carries it.
 */
export function secretForms(secret: string, username?: string): string[] {
  const forms = [secret, ...escapedForms(secret), loginResponse(secret)];
  if (username) {
    const pair = `${username}:${secret}`;
    forms.push(
      pair,
      b64(pair),
      plainResponse(username, secret),
      b64(`${username}\0${username}\0${secret}`),
      xoauth2Response(username, secret),
    );
  }
  if (secret.length >= MIN_ANYWHERE_LENGTH) {
    forms.push(
      ...base64Cores(secret).filter(core => core.length >= MIN_ANYWHERE_LENGTH),
    );
  }
  return forms;
}
