import https from 'node:https';
import {
  ConnectingIdType,
  ExchangeService,
  ExchangeVersion,
  ImpersonatedUserId,
  NtlmProvider,
  OAuthCredentials,
  Uri,
  WebCredentials,
  XhrApi,
} from 'ews-javascript-api';

/** How a test's ExchangeService signs in. */
export type EwsTestAuth =
  | { basic: [user: string, password: string] }
  | { ntlm: [user: string, password: string] }
  | { token: string };

type AuthProvider = Parameters<XhrApi['setAuthProvider']>[0];

/**
 * ews-javascript-api's own NtlmProvider (its NTLM messages and its
 * keep-alive socket) with certificate checks on: its preCall() replaces
 * `httpsAgent` with a new keep-alive agent that trusts only the system's
 * CAs, so the agent is pinned here as a property that ignores writes.
 */
export function ntlmTrustingCa(
  user: string,
  password: string,
  agent: https.Agent,
  /** Another agent for the signed request: the type 3 then comes on a new connection. */
  postAgent?: https.Agent,
): AuthProvider {
  const inner = new NtlmProvider(user, password);
  const pin = (options: object, pinned: https.Agent) =>
    Object.defineProperty(options, 'httpsAgent', {
      get: () => pinned,
      set: () => undefined,
      enumerable: true,
      configurable: true,
    });
  return {
    providerName: inner.providerName,
    client: inner.client,
    preCall: async options => {
      const signed = await inner.preCall(pin(options, agent));
      return postAgent ? pin(signed, postAgent) : signed;
    },
  };
}

/** ExchangeServices for a stand-in URL that trust only the test CA; close() ends their sockets. */
export class EwsClients {
  private readonly agents: https.Agent[] = [];

  constructor(private readonly url: string, private readonly caPem: string) {}

  service(
    auth: EwsTestAuth,
    options: {
      impersonate?: string;
      url?: string;
      /** NTLM: send the signed request on another connection than the negotiation. */
      ntlmNewConnection?: boolean;
    } = {},
  ): ExchangeService {
    const service = new ExchangeService(ExchangeVersion.Exchange2013);
    service.Url = new Uri(options.url ?? this.url);
    const agent = this.agent();
    const xhr = new XhrApi({ httpsAgent: agent });
    if ('basic' in auth) {
      service.Credentials = new WebCredentials(...auth.basic);
    } else if ('ntlm' in auth) {
      const postAgent = options.ntlmNewConnection ? this.agent() : undefined;
      xhr.setAuthProvider(ntlmTrustingCa(...auth.ntlm, agent, postAgent));
      // The library wants Credentials even so ("Credentials are required
      // to make a service request.", and both values non-empty); the
      // provider overwrites the Basic header they add on both requests.
      service.Credentials = new WebCredentials(...auth.ntlm);
    } else {
      service.Credentials = new OAuthCredentials(auth.token);
    }
    service.XHRApi = xhr;
    if (options.impersonate) {
      service.ImpersonatedUserId = new ImpersonatedUserId(
        ConnectingIdType.SmtpAddress,
        options.impersonate,
      );
    }
    return service;
  }

  private agent(): https.Agent {
    const agent = new https.Agent({ keepAlive: true, ca: this.caPem });
    this.agents.push(agent);
    return agent;
  }

  close(): void {
    for (const agent of this.agents.splice(0)) agent.destroy();
  }
}

/** The rejection of a promise that must fail. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
