import { IncomingRuleDraft } from './EmailsApi';
import { EmailsClient } from './EmailsClient';

const BASE = 'http://127.0.0.1:7007/api/emails';

function clientAnswering(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_url: string, _init: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
  const client = new EmailsClient({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: { fetch } as any,
  });
  return { client, fetch };
}

const rule: IncomingRuleDraft = {
  name: 'Network mail',
  enabled: true,
  match: 'any',
  conditions: [{ field: 'subject', operator: 'contains', values: ['VPN'] }],
  actions: [{ type: 'category', value: 'Network' }],
  stopProcessing: false,
};

describe('EmailsClient incoming rules', () => {
  it('reads the ordered list with its version', async () => {
    const list = { rules: [{ ...rule, id: 'r1' }], version: 2 };
    const { client, fetch } = clientAnswering(200, list);
    expect(await client.getIncomingRules()).toEqual(list);
    expect(fetch).toHaveBeenCalledWith(`${BASE}/rules/incoming`, {
      method: 'GET',
      headers: { Accept: 'application/json' },
    });
  });

  it('saves the whole list with the version it read', async () => {
    const saved = { rules: [{ ...rule, id: 'r1' }], version: 3 };
    const { client, fetch } = clientAnswering(200, saved);
    expect(
      await client.saveIncomingRules({ version: 2, rules: [rule] }),
    ).toEqual(saved);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${BASE}/rules/incoming`);
    expect(init.method).toBe('PUT');
    expect(JSON.parse(init.body as string)).toEqual({
      version: 2,
      rules: [rule],
    });
  });

  it('throws a stale version as a 409 with the backend message', async () => {
    const { client } = clientAnswering(409, {
      error: { name: 'ConflictError', message: 'changed by someone else' },
      response: { statusCode: 409 },
    });
    await expect(
      client.saveIncomingRules({ version: 1, rules: [] }),
    ).rejects.toMatchObject({
      statusCode: 409,
      body: { error: { message: 'changed by someone else' } },
    });
  });
});

describe('EmailsClient.simulateRules', () => {
  const simulation = {
    trace: [],
    rules: [],
    outcome: { status: 'ticketed' },
  };

  it('posts an uploaded file as message/rfc822 with the mailbox in the query', async () => {
    const { client, fetch } = clientAnswering(200, simulation);
    const file = new Blob(['Subject: VPN down\r\n\r\nHelp'], {
      type: 'message/rfc822',
    });
    expect(await client.simulateRules({ file, serverId: 'in 1' })).toEqual(
      simulation,
    );
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${BASE}/rules/simulate?serverId=in+1`);
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({
      Accept: 'application/json',
      'Content-Type': 'message/rfc822',
    });
    // The bytes go as they are: never wrapped in JSON.
    expect(init.body).toBe(file);
  });

  it('posts pasted text without a mailbox when none is chosen', async () => {
    const { client, fetch } = clientAnswering(200, simulation);
    await client.simulateRules({ raw: 'Subject: hi\r\n\r\nhi' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${BASE}/rules/simulate`);
    expect(init.body).toBe('Subject: hi\r\n\r\nhi');
  });

  it('throws the status of a backend without the simulator', async () => {
    const { client } = clientAnswering(404, {
      error: { name: 'NotFoundError', message: 'Not found' },
      response: { statusCode: 404 },
    });
    await expect(client.simulateRules({ raw: 'x' })).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
