import { encodedSecretForms } from '../protocols/sasl';
import { MailAuth } from '../types';

const MASK = '***';

/**
 * A function that masks the target's password or token, and the encoded
 * forms they travel in, wherever they appear in a text.
 */
export function createRedactor(auth: MailAuth): (text: string) => string {
  if (auth.type === 'none') return text => text;
  const secret = auth.type === 'basic' ? auth.password : auth.accessToken;
  const secrets = [secret, ...encodedSecretForms(auth.username, secret)]
    // Even a very short secret is masked: it garbles the text, but a
    // message must never be the place a password shows up.
    .filter(s => s.length > 0)
    // Longest first, so a secret inside an encoded form is not half-masked.
    .sort((a, b) => b.length - a.length);
  return text =>
    secrets.reduce((masked, s) => masked.split(s).join(MASK), text);
}
