import type { FetchFunction } from '../httpsFetch';
import type { OAuthTestServer } from '../oauthServer';

/** Plays the browser at /authorize (which consents at once) and returns the redirect back. */
export async function followConsent(
  fetchImpl: FetchFunction,
  authorizeUrl: string | URL,
): Promise<URL> {
  const response = await fetchImpl(authorizeUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) {
    throw new Error(
      `/authorize answered ${response.status}: ${await response.text()}`,
    );
  }
  return new URL(location);
}

/** What `run` resolved to, and the token requests the server saw meanwhile. */
export async function withTokenRequests<T>(
  server: OAuthTestServer,
  run: () => Promise<T>,
) {
  const before = server.tokenRequests().length;
  const result = await run();
  return { result, requests: server.tokenRequests().slice(before) };
}

/** The error a promise rejects with (undefined when it resolves). */
export function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}
