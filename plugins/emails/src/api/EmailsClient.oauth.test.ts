import { EmailsClient } from './EmailsClient';

describe('EmailsClient OAuth', () => {
  const discoveryApi = {
    getBaseUrl: async () => 'http://127.0.0.1:7007/api/emails',
  };
  const json = (body: object, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  const clientWith = (fetch: jest.Mock) =>
    new EmailsClient({ discoveryApi, fetchApi: { fetch } as any });

  it('starts a sign-in with the server kind and id, and returns where to send the popup', async () => {
    const authorizationUrl =
      'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?state=s1';
    const fetch = jest.fn(async () => json({ authorizationUrl }));
    const answer = await clientWith(fetch).startOAuth('outgoing', 'out 1');
    expect(answer).toEqual({ authorizationUrl });
    expect(fetch).toHaveBeenCalledWith(
      'http://127.0.0.1:7007/api/emails/oauth/start',
      {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ serverKind: 'outgoing', serverId: 'out 1' }),
      },
    );
  });

  it('throws the 400 that names the field when a server cannot be signed in', async () => {
    const fetch = jest.fn(async () =>
      json(
        {
          error: {
            name: 'InputError',
            message:
              'Invalid OAuth start: oauth.grantType is client-credentials; nobody signs in',
          },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    await expect(
      clientWith(fetch).startOAuth('incoming', 'in-1'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      body: { error: { message: expect.stringContaining('oauth.grantType') } },
    });
  });

  it('reads the Redirect URL to register at the provider', async () => {
    const redirectUrl =
      'https://backstage.example.com/api/emails/oauth/callback';
    const fetch = jest.fn(async () => json({ redirectUrl }));
    expect(await clientWith(fetch).getOAuthRedirectUrl()).toBe(redirectUrl);
    expect(fetch).toHaveBeenCalledWith(
      'http://127.0.0.1:7007/api/emails/oauth/redirect-url',
      { method: 'GET', headers: { Accept: 'application/json' } },
    );
  });
});
