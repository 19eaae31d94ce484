import https from 'node:https';
import {
  createType1Message,
  createType3Message,
  decodeType2Message,
} from '@ewsjs/ntlm-client';

/** The shape @ewsjs/xhr's XhrApi asks of an authentication provider (IProvider). */
export interface XhrAuthProvider {
  providerName: string;
  client: any;
  preCall(options: Record<string, any>): Promise<Record<string, any>>;
}

function challengeOf(header: string | string[] | undefined): string {
  let values: string[] = [];
  if (Array.isArray(header)) values = header;
  else if (header) values = [header];
  const ntlm = values
    .flatMap(v => v.split(/,\s*/))
    .find(v => /^NTLM\s+\S+/i.test(v));
  if (!ntlm) {
    throw new Error(
      'the server offered no NTLM challenge (is NTLM enabled for EWS?)',
    );
  }
  return ntlm;
}

function negotiate(
  url: string,
  agent: https.Agent,
  type1: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: 'GET',
        agent,
        headers: { Authorization: type1, Connection: 'keep-alive' },
      },
      response => {
        // Read to the end so the socket goes back to the agent for the POST.
        response.resume();
        response.on('end', () => {
          try {
            resolve(challengeOf(response.headers['www-authenticate']));
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/**
 * NTLM (v2) for @ewsjs/xhr that keeps certificate checks with our trusted
 * CAs: @ewsjs/xhr's own NtlmProvider builds an agent that trusts only the
 * system's CAs. The messages come from @ewsjs/ntlm-client; one keep-alive
 * socket carries the negotiation and the request it authorises, because
 * NTLM authenticates a connection, not a request.
 */
export function ntlmAuthProvider(input: {
  username: string;
  password: string;
  ca?: string[];
  timeoutMs?: number;
}): XhrAuthProvider {
  const [domain, user] = input.username.includes('\\')
    ? [
        input.username.split('\\')[0].toUpperCase(),
        input.username.split('\\')[1],
      ]
    : ['', input.username];
  const workstation = '.';
  return {
    providerName: 'ntlm',
    client: null,
    async preCall(options) {
      const agent = new https.Agent({
        keepAlive: true,
        maxSockets: 1,
        ca: input.ca,
        timeout: input.timeoutMs,
      });
      const type2 = decodeType2Message(
        await negotiate(
          options.url,
          agent,
          createType1Message(workstation, domain),
        ),
      );
      const headers = { ...(options.headers ?? {}) };
      delete headers.authorization;
      headers.Authorization = createType3Message(
        type2,
        user,
        input.password,
        workstation,
        domain,
      );
      headers.Connection = 'close';
      return { ...options, headers, httpsAgent: agent };
    },
  };
}
