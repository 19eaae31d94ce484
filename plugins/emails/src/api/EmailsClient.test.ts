import { EmailsClient } from './EmailsClient';

describe('EmailsClient', () => {
  const discoveryApi = {
    getBaseUrl: async () => 'http://127.0.0.1:7007/api/emails',
  };

  it('reads servers from the emails backend', async () => {
    const fetch = jest.fn(
      async () => new Response(JSON.stringify([{ id: 'a' }]), { status: 200 }),
    );
    const client = new EmailsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    expect(await client.listOutgoingServers()).toEqual([{ id: 'a' }]);
    expect(fetch).toHaveBeenCalledWith(
      'http://127.0.0.1:7007/api/emails/servers/outgoing',
      { method: 'GET', headers: { Accept: 'application/json' } },
    );
  });

  it('throws the backend error with its message', async () => {
    const body = {
      error: {
        name: 'NotAllowedError',
        message: 'Missing permission emails.server.read',
      },
      response: { statusCode: 403 },
    };
    const fetch = jest.fn(
      async () =>
        new Response(JSON.stringify(body), {
          status: 403,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const client = new EmailsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    await expect(client.listIncomingServers()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      body: { error: { message: 'Missing permission emails.server.read' } },
    });
  });
});

describe('EmailsClient.testServer', () => {
  const discoveryApi = {
    getBaseUrl: async () => 'http://127.0.0.1:7007/api/emails',
  };
  const ndjson = (lines: object[]) =>
    new Response(lines.map(l => `${JSON.stringify(l)}\n`).join(''), {
      status: 200,
      headers: { 'content-type': 'application/x-ndjson' },
    });
  const stage = (name: string) => ({
    stage: name,
    ok: true,
    ms: 1,
    message: name,
  });

  it('reports each streamed stage and returns the final result', async () => {
    const result = { ok: true, stages: [stage('dns'), stage('tcp')] };
    const fetch = jest.fn(async () =>
      ndjson([stage('dns'), stage('tcp'), result]),
    );
    const client = new EmailsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    const seen: string[] = [];
    const answer = await client.testServer('outgoing', 'o1', {
      to: 'rita@example.com',
      onStage: s => seen.push(s.stage),
    });
    expect(seen).toEqual(['dns', 'tcp']);
    expect(answer).toEqual(result);
    expect(fetch).toHaveBeenCalledWith(
      'http://127.0.0.1:7007/api/emails/servers/outgoing/o1/test',
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ to: 'rita@example.com' }),
        headers: expect.objectContaining({ Accept: 'application/x-ndjson' }),
      }),
    );
  });

  it('says so when the stream ends before the result', async () => {
    const fetch = jest.fn(async () => ndjson([stage('dns')]));
    const client = new EmailsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    await expect(client.testServer('incoming', 'i1')).rejects.toThrow(
      'Test Connection ended before the backend sent its result',
    );
  });
});
