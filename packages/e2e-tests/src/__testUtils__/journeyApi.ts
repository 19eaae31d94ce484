// The emails API as the journeys' scripts call it, beside the browser.

/** One answer of the emails API: its status and its JSON body, if any. */
export interface ScriptAnswer {
  status: number;
  body: any;
}

/** What a script sends: POST when there is a body, unless a method is named. */
export interface ScriptRequest {
  method?: string;
  body?: object;
}

/**
 * A caller of the emails API with a static token that answers the status
 * and body as they are, for tests of the answer itself (201, 401, 403).
 */
export function scriptRequester(
  backendUrl: string,
  token: string,
): (path: string, request?: ScriptRequest) => Promise<ScriptAnswer> {
  return async (path, { method, body } = {}) => {
    const res = await fetch(`${backendUrl}/api/emails${path}`, {
      method: method ?? (body ? 'POST' : 'GET'),
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: body && JSON.stringify(body),
    });
    const text = await res.text();
    try {
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    } catch {
      return { status: res.status, body: text };
    }
  };
}

/** Calls the emails API as a script would (static token, administrator rights). */
export type ScriptCall = (
  path: string,
  body?: object,
  method?: string,
) => Promise<any>;

/**
 * A caller of the emails API with a static token; POSTs when given a body
 * (or sends `method`), answers the JSON and throws on an error status.
 */
export function scriptCaller(backendUrl: string, token: string): ScriptCall {
  const request = scriptRequester(backendUrl, token);
  return async (path, body, method) => {
    const answer = await request(path, { body, method });
    if (answer.status >= 400) {
      throw new Error(
        `${path}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body;
  };
}

/** Polls until `probe` answers something (bounded); answers it. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not in ${timeoutMs} ms`);
    await new Promise(r => setTimeout(r, everyMs));
  }
}

/**
 * Waits until a mailbox's fetch task has connected. Only mail arriving after
 * its first connection is imported, and Test Connection also stamps
 * lastSyncAt: ask for a sync and wait for the task's own stamp after it,
 * unless the task is already connected (holding IDLE).
 */
export async function waitUntilFetching(call: ScriptCall, serverId: string) {
  const asked = new Date().toISOString();
  const sync = await call(`/servers/incoming/${serverId}/sync`, {});
  if (sync.status !== 'started') return;
  await eventually('a sync of the mailbox', async () => {
    const server = await call(`/servers/incoming/${serverId}`);
    return server.health?.lastSyncAt > asked ? true : undefined;
  });
}

/** Polls (bounded) for the first ticket titled so, as the API lists them. */
export async function ticketTitled(
  call: ScriptCall,
  title: string,
  timeoutMs = 60_000,
): Promise<any> {
  return eventually(
    `the ticket "${title}"`,
    async () => {
      const { items } = await call('/tickets');
      return items.find((t: any) => t.title === title);
    },
    timeoutMs,
  );
}

/** Polls (every 50 ms, 30 s at most) for the ticket titled so; on failure says what became of the mailbox's mail. */
export async function waitForTicket(
  call: ScriptCall,
  serverId: string,
  title: string,
): Promise<any> {
  try {
    return await eventually(
      'the ticket of the delivered mail',
      async () => {
        const list = await call('/tickets');
        return list.items.find((t: any) => t.title === title);
      },
      30_000,
      50,
    );
  } catch (error) {
    const log = await call(`/messages?serverId=${serverId}`);
    const { health } = await call(`/servers/incoming/${serverId}`);
    throw new Error(
      `${error}\nmessages: ${JSON.stringify(log)}\nhealth: ${JSON.stringify(
        health,
      )}`,
    );
  }
}
