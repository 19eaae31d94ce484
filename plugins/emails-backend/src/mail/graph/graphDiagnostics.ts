import {
  ConnectionStage,
  ConnectionTestResult,
} from '@internal/plugin-emails-common';
import { OAuthFetch } from '../../oauth/http';
import { runHttpsStages, StageError } from '../diagnostics/httpsStages';

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
  let token = '';
  return runHttpsStages({
    url: input.endpoint,
    service: 'Graph',
    ca: input.ca,
    timeoutMs: input.timeoutMs,
    onStage: input.onStage,
    auth: async () => {
      const got = await input.token();
      token = got.token;
      return `Got an access token${
        got.scopes?.length ? ` for ${got.scopes.join(' ')}` : ''
      }`;
    },
    protocol: () => probe(input, token),
  });
}
