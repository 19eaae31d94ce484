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
