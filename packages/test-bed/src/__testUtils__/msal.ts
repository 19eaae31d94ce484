import type {
  ICachePlugin,
  INetworkModule,
  NetworkRequestOptions,
  NetworkResponse,
} from '@azure/msal-node';
import type { FetchFunction } from '../httpsFetch';

/**
 * MSAL's network client over a fetch() (here one that trusts the test CA).
 * MSAL wants parsed JSON bodies and plain-object headers back.
 */
export function msalNetworkClient(fetchImpl: FetchFunction): INetworkModule {
  async function send<T>(
    url: string,
    method: 'GET' | 'POST',
    options?: NetworkRequestOptions,
    timeoutMs?: number,
  ): Promise<NetworkResponse<T>> {
    const response = await fetchImpl(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? options?.body ?? '' : undefined,
      signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
    });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body: (await response.json()) as T,
    };
  }
  return {
    sendGetRequestAsync: <T>(
      url: string,
      options?: NetworkRequestOptions,
      timeout?: number,
    ) => send<T>(url, 'GET', options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) =>
      send<T>(url, 'POST', options),
  };
}

/** A token cache that lives in a variable, as a database row would hold it. */
export function variableCache(store: { data?: string }): ICachePlugin {
  return {
    beforeCacheAccess: async context => {
      if (store.data) context.tokenCache.deserialize(store.data);
    },
    afterCacheAccess: async context => {
      if (context.cacheHasChanged) store.data = context.tokenCache.serialize();
    },
  };
}
