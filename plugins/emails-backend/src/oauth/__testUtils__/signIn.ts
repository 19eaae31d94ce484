import { TestBed } from '@internal/emails-test-bed';
import { Agent, fetch as undiciFetch } from 'undici';

/** Follows an authorization URL at the test bed's server, which consents at once; answers the callback's path and query. */
export async function consentAt(
  bed: TestBed,
  authorizationUrl: string,
): Promise<string> {
  const dispatcher = new Agent({ connect: { ca: bed.caPem } });
  try {
    const response = await undiciFetch(authorizationUrl, {
      redirect: 'manual',
      dispatcher,
    });
    const location = response.headers.get('location');
    if (!location) {
      throw new Error(
        `The authorization server did not redirect (${response.status})`,
      );
    }
    const url = new URL(location);
    return `${url.pathname}${url.search}`;
  } finally {
    await dispatcher.close();
  }
}

/** OAuth settings of a server that signs in at the test bed's server. */
export function bedOAuthSettings(bed: TestBed) {
  return {
    clientId: 'helpdesk-app',
    clientSecret: 'helpdesk-client-secret-123',
    authorizationUrl: bed.oauth.authorizationUrl,
    tokenUrl: bed.oauth.tokenUrl,
    scope: 'mail offline_access',
  };
}
