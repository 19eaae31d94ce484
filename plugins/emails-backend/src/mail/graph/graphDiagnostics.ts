import {
  ConnectionStage,
  ConnectionStageName,
  ConnectionTestResult,
} from '@internal/plugin-emails-common';
import { performance } from 'node:perf_hooks';
import { OAuthFetch } from '../../oauth/http';
import { resolveHost } from '../net/resolve';
import { connectTcp, describeTls, handshakeTls } from '../net/transport';

/** What Test Connection of a Microsoft Graph server needs. */
export interface GraphTestInput {
  /** The Graph Endpoint, e.g. https://graph.microsoft.com (national clouds differ). */
  endpoint: string;
  mailbox: string;
  direction: 'incoming' | 'outgoing';
  /** An access token and its scopes; throws with `message` and `hint` when there is none. */
  token(): Promise<{ token: string; scopes?: string[] }>;
  fetch: OAuthFetch;
  ca?: string[];
  timeoutMs: number;
  onStage?: (stage: ConnectionStage) => void;
}

/** A failed stage: its message and what to check. */
class StageError extends Error {
  constructor(message: string, readonly hint: string) {
    super(message);
  }
}

const PERMISSION: Record<GraphTestInput['direction'], string> = {
  incoming: 'Mail.ReadWrite',
  outgoing: 'Mail.Send',
};

async function graphError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { code?: string } };
    return `${response.status} ${body.error?.code ?? ''}`.trim();
  } catch {
    return String(response.status);
  }
}

/** The protocol stage: a real mailbox call, naming the folder or permission missing. */
async function probe(input: GraphTestInput, token: string): Promise<string> {
  const mailbox = encodeURIComponent(input.mailbox);
  const url = `${input.endpoint}/v1.0/users/${mailbox}/mailFolders/inbox`;
  const response = await input.fetch(url, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (response.ok) {
    const inbox = (await response.json()) as { totalItemCount?: number };
    return `Opened the Inbox of ${input.mailbox} (${
      inbox.totalItemCount ?? 0
    } messages)`;
  }
  const status = await graphError(response);
  if (response.status === 401) {
    throw new StageError(
      `Graph refused the access token (${status})`,
      'The token was not accepted for Graph: check that the Scope names Graph permissions (or https://graph.microsoft.com/.default for app-only access) and sign in again.',
    );
  }
  if (response.status === 403) {
    throw new StageError(
      `Graph denied access to the mailbox ${input.mailbox} (${status})`,
      `The app lacks the ${
        PERMISSION[input.direction]
      } permission for this mailbox: add it in the app registration (delegated, or application with admin consent and an application access policy that includes the mailbox), or give the signed-in account access to the shared mailbox.`,
    );
  }
  if (response.status === 404) {
    throw new StageError(
      `Graph has no mailbox ${input.mailbox} (${status})`,
      'Check the Email address: it must be the mailbox (user or shared mailbox) in this tenant, and the mailbox must be licensed for Exchange Online.',
    );
  }
  throw new StageError(
    `Graph answered ${status}`,
    'Try again later; if it persists, check the Graph Endpoint and Microsoft 365 service health.',
  );
}

/**
 * Test Connection for Microsoft Graph servers: dns, tcp and tls to the
 * Graph Endpoint, auth (an access token and its scopes), protocol (the
 * mailbox's Inbox, which needs the read permission fetching needs; outgoing
 * servers check the same mailbox, since Mail.Send has no harmless probe).
 */
export async function testGraphConnection(
  input: GraphTestInput,
): Promise<ConnectionTestResult> {
  const url = new URL(input.endpoint);
  const port = Number(url.port) || 443;
  const stages: ConnectionStage[] = [];
  let address = '';
  let token = '';
  const run = async (
    stage: ConnectionStageName,
    step: () => Promise<string>,
  ): Promise<boolean> => {
    const started = performance.now();
    let record: ConnectionStage;
    try {
      const message = await step();
      record = {
        stage,
        ok: true,
        ms: Math.round(performance.now() - started),
        message,
      };
    } catch (error) {
      const e = error as { message: string; hint?: string };
      record = {
        stage,
        ok: false,
        ms: Math.round(performance.now() - started),
        message: e.message,
        hint:
          e.hint ??
          'Check the Graph Endpoint and the network path to it (DNS, firewall, proxy).',
      };
    }
    stages.push(record);
    input.onStage?.({ ...record });
    return record.ok;
  };
  const steps: [ConnectionStageName, () => Promise<string>][] = [
    [
      'dns',
      async () => {
        address = await resolveHost(url.hostname, input.timeoutMs);
        return `${url.hostname} resolves to ${address}`;
      },
    ],
    [
      'tcp',
      async () => {
        const socket = await connectTcp({
          address,
          port,
          timeoutMs: input.timeoutMs,
        });
        socket.destroy();
        return `Connected to ${address}:${port}`;
      },
    ],
    [
      'tls',
      async () => {
        const socket = await connectTcp({
          address,
          port,
          timeoutMs: input.timeoutMs,
        });
        try {
          const secure = await handshakeTls(socket, {
            host: url.hostname,
            ca: input.ca,
            timeoutMs: input.timeoutMs,
          });
          const described = describeTls(secure);
          secure.destroy();
          return described;
        } catch (error) {
          throw new StageError(
            `TLS with ${url.hostname} failed: ${(error as Error).message}`,
            'Graph speaks HTTPS only: check that a proxy or firewall does not intercept it, and add a private CA to emails.tls.trustedCertificates.',
          );
        } finally {
          socket.destroy();
        }
      },
    ],
    [
      'auth',
      async () => {
        const got = await input.token();
        token = got.token;
        return `Got an access token${
          got.scopes?.length ? ` for ${got.scopes.join(' ')}` : ''
        }`;
      },
    ],
    ['protocol', () => probe(input, token)],
  ];
  for (const [stage, step] of steps) {
    if (!(await run(stage, step))) break;
  }
  return { ok: stages.length === 5 && stages.every(s => s.ok), stages };
}
