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

describe('EmailsClient outgoing rules', () => {
  const discoveryApi = {
    getBaseUrl: async () => 'http://127.0.0.1:7007/api/emails',
  };
  const rule = {
    name: 'EU customers',
    enabled: true,
    match: 'all' as const,
    conditions: [
      {
        field: 'requesterDomain',
        operator: 'is' as const,
        values: ['example.eu'],
      },
    ],
    actions: [{ type: 'useOutgoingServer' as const, serverId: 'out-eu' }],
    stopProcessing: false,
  };

  it('reads the ordered list with its version', async () => {
    const list = { rules: [{ ...rule, id: 'r1' }], version: 3 };
    const fetch = jest.fn(
      async () => new Response(JSON.stringify(list), { status: 200 }),
    );
    const client = new EmailsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    expect(await client.getOutgoingRules()).toEqual(list);
    expect(fetch).toHaveBeenCalledWith(
      'http://127.0.0.1:7007/api/emails/rules/outgoing',
      { method: 'GET', headers: { Accept: 'application/json' } },
    );
  });

  it('saves the whole list with the version it read', async () => {
    const saved = { rules: [{ ...rule, id: 'r1' }], version: 4 };
    const fetch = jest.fn(
      async () => new Response(JSON.stringify(saved), { status: 200 }),
    );
    const client = new EmailsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    expect(
      await client.saveOutgoingRules({ version: 3, rules: [rule] }),
    ).toEqual(saved);
    expect(fetch).toHaveBeenCalledWith(
      'http://127.0.0.1:7007/api/emails/rules/outgoing',
      {
        method: 'PUT',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ version: 3, rules: [rule] }),
      },
    );
  });

  it('throws the 409 of a stale version with its status', async () => {
    const body = {
      error: {
        name: 'ConflictError',
        message:
          'The outgoing email rules were changed by someone else; reload and try again',
      },
      response: { statusCode: 409 },
    };
    const fetch = jest.fn(
      async () =>
        new Response(JSON.stringify(body), {
          status: 409,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const client = new EmailsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    await expect(
      client.saveOutgoingRules({ version: 1, rules: [] }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 409 });
  });
});

describe('EmailsClient close and reopen', () => {
  const discoveryApi = {
    getBaseUrl: async () => 'http://127.0.0.1:7007/api/emails',
  };
  const json = (body: object, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });

  it('closes a ticket with the resolution and the notify choice', async () => {
    const answer = {
      status: 'closed',
      closedAt: '2024-05-02T09:00:00.000Z',
      notification: {
        queued: true,
        outboundId: 'ob-7',
        to: 'jane@example.com',
      },
    };
    const fetch = jest.fn(async () => json(answer));
    const client = new EmailsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    expect(
      await client.closeTicket('12', {
        resolution: 'Replaced the fuser.',
        notifyRequester: true,
      }),
    ).toEqual(answer);
    expect(fetch).toHaveBeenCalledWith(
      'http://127.0.0.1:7007/api/emails/tickets/12/close',
      {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          resolution: 'Replaced the fuser.',
          notifyRequester: true,
        }),
      },
    );
  });

  it('throws the 409 of a ticket closed already with its message', async () => {
    const fetch = jest.fn(async () =>
      json(
        {
          error: {
            name: 'ConflictError',
            message: 'Ticket 12 is closed already',
          },
          response: { statusCode: 409 },
        },
        409,
      ),
    );
    const client = new EmailsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    await expect(client.closeTicket('12', {})).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 409,
      body: { error: { message: 'Ticket 12 is closed already' } },
    });
  });

  it('reopens a ticket', async () => {
    const fetch = jest.fn(async () => json({ status: 'open' }));
    const client = new EmailsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    expect(await client.reopenTicket('12')).toEqual({ status: 'open' });
    expect(fetch).toHaveBeenCalledWith(
      'http://127.0.0.1:7007/api/emails/tickets/12/reopen',
      expect.objectContaining({ method: 'POST', body: '{}' }),
    );
  });

  it('publishes or dismisses a reply from outside the conversation', async () => {
    const fetch = jest.fn(async () => json({ id: '7', kind: 'reply' }));
    const client = new EmailsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    await client.reviewOutsideReply('12', '7', 'publish');
    await client.reviewOutsideReply('12', '7', 'dismiss');
    expect(fetch.mock.calls.map((c: any[]) => [c[0], c[1].method])).toEqual([
      ['http://127.0.0.1:7007/api/emails/tickets/12/entries/7/publish', 'POST'],
      ['http://127.0.0.1:7007/api/emails/tickets/12/entries/7/dismiss', 'POST'],
    ]);
  });
});
