/** Masking a mail server's secrets in whatever its replies and errors say. */
export { MASK, SecretRedactor } from './SecretRedactor';
export { MIN_ANYWHERE_LENGTH, secretForms } from './secretForms';
