/** SASL PLAIN initial response (RFC 4616): authorization id empty. */
export function plainResponse(username: string, password: string): string {
  return Buffer.from(`\0${username}\0${password}`, 'utf8').toString('base64');
}

/** XOAUTH2 initial response as Google and Microsoft define it. */
export function xoauth2Response(username: string, accessToken: string): string {
  return Buffer.from(
    `user=${username}\x01auth=Bearer ${accessToken}\x01\x01`,
    'utf8',
  ).toString('base64');
}

/**
 * The status of an XOAUTH2 error challenge (base64 JSON such as
 * `{"status":"401","schemes":"bearer"}`), for the failure message.
 */
export function xoauth2ErrorStatus(challenge: string): string | undefined {
  try {
    const parsed = JSON.parse(
      Buffer.from(challenge.trim(), 'base64').toString('utf8'),
    );
    return typeof parsed?.status === 'string' ||
      typeof parsed?.status === 'number'
      ? String(parsed.status)
      : undefined;
  } catch {
    return undefined;
  }
}

/** An AUTH LOGIN answer: the username or the password in base64. */
export function loginResponse(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64');
}
