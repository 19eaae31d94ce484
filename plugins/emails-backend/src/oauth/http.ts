import type { INetworkModule, NetworkResponse } from '@azure/msal-node';
import { Agent, fetch as undiciFetch } from 'undici';
import { trustedCas } from '../mail/net/transport';

/** The fetch the OAuth clients use: Node's, or one that trusts extra CAs. */
export type OAuthFetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * A fetch that trusts `ca` besides the system's CAs (emails.tls.trustedCertificates),
 * so an on-premises authorization server with a private CA works, and that
 * gives up after `timeoutMs`.
 */
export function oauthFetch(
  ca: string[] | undefined,
  timeoutMs: number,
): OAuthFetch {
  const dispatcher = ca?.length
    ? new Agent({ connect: { ca: trustedCas(ca) } })
    : undefined;
  return async (url, init = {}) => {
    const signal = init.signal ?? AbortSignal.timeout(timeoutMs);
    if (!dispatcher) return fetch(url, { ...init, signal });
    // undici's own fetch: Node's bundled one may not accept this Agent.
    const response = await undiciFetch(url, {
      ...(init as any),
      signal,
      dispatcher,
    });
    return response as unknown as Response;
  };
}

async function toNetworkResponse<T>(
  response: Response,
): Promise<NetworkResponse<T>> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const text = await response.text();
  let body: unknown = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // MSAL reads error details from the body; a non-JSON page has none.
    body = { error: 'invalid_response', error_description: text.slice(0, 200) };
  }
  return { headers, body: body as T, status: response.status };
}

/** MSAL's network client over {@link OAuthFetch}, so MSAL trusts the same CAs. */
export function msalNetworkClient(fetchFn: OAuthFetch): INetworkModule {
  return {
    async sendGetRequestAsync<T>(
      url: string,
      options?: { headers?: Record<string, string> },
    ) {
      return toNetworkResponse<T>(
        await fetchFn(url, { method: 'GET', headers: options?.headers }),
      );
    },
    async sendPostRequestAsync<T>(
      url: string,
      options?: { headers?: Record<string, string>; body?: string },
    ) {
      return toNetworkResponse<T>(
        await fetchFn(url, {
          method: 'POST',
          headers: options?.headers,
          body: options?.body,
        }),
      );
    },
  };
}
