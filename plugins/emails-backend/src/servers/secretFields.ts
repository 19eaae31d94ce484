/** The write-only fields of a mail server or proxy. */
export interface ServerSecrets {
  password?: string;
  clientSecret?: string;
}

/** Names of the secrets, as `passwordSet` / `clientSecretSet` report them. */
export type SecretName = keyof ServerSecrets;

/** Takes the secrets out of a request body; the rest may be stored in the clear. */
export function splitSecrets<
  T extends { password?: string; oauth?: { clientSecret?: string } },
>(input: T): { settings: Omit<T, 'password'>; secrets: ServerSecrets } {
  const { password, oauth, ...rest } = input;
  const secrets: ServerSecrets = {};
  if (password !== undefined) secrets.password = password;
  let settings: any = rest;
  if (oauth) {
    const { clientSecret, ...publicOauth } = oauth;
    if (clientSecret !== undefined) secrets.clientSecret = clientSecret;
    settings = { ...rest, oauth: publicOauth };
  }
  return { settings, secrets };
}

/** Secrets after a write: given values replace stored ones, missing ones are kept. */
export function mergeSecrets(
  stored: ServerSecrets,
  given: ServerSecrets,
): ServerSecrets {
  const merged: ServerSecrets = { ...stored };
  for (const [name, value] of Object.entries(given) as [SecretName, string][]) {
    if (value === '') {
      delete merged[name];
    } else {
      merged[name] = value;
    }
  }
  return merged;
}

/** Which secrets hold a value; stored in the clear beside the ciphertext. */
export function secretNames(secrets: ServerSecrets): SecretName[] {
  return (Object.keys(secrets) as SecretName[])
    .filter(k => !!secrets[k])
    .sort();
}
