import { freePort } from '@internal/emails-test-bed';
import { randomBytes } from 'node:crypto';
import { startImapEchoPeer } from '../mail/__testUtils__/echoPeers';
import { ScriptedServer } from '../mail/__testUtils__/scriptedServer';
import { expectNoSecret } from '../mail/__testUtils__/secretLeaks';
import { startEmailsBackend } from '../__testUtils__/testBackend';
import { waitFor } from '../__testUtils__/waitFor';

jest.setTimeout(60_000);

const USER = 'support@localhost';
// Longer than the 160 characters a reply is cut to.
const PASSWORD = `Long-${randomBytes(120).toString('hex')}`;
const CLIENT_SECRET = `client-${randomBytes(12).toString('hex')}`;

const incoming = (port: number, over: object = {}) => ({
  name: `Echo ${port}`,
  email: USER,
  protocol: 'imap',
  host: '127.0.0.1',
  port,
  security: 'none',
  authType: 'basic',
  username: USER,
  password: PASSWORD,
  technicianGroup: 'group:default/it-support',
  ...over,
});

describe('the API with a mail server that echoes the credentials', () => {
  let backend: Awaited<ReturnType<typeof startEmailsBackend>>;
  let peer: ScriptedServer;

  beforeAll(async () => {
    peer = await startImapEchoPeer();
    backend = await startEmailsBackend();
  });
  afterAll(async () => {
    await peer?.close();
  });

  async function addServer(body: object): Promise<string> {
    const created = await backend.call(
      'admin',
      'post',
      '/servers/incoming',
      body,
    );
    expect(created.status).toBe(201);
    return created.body.id;
  }

  const healthOf = async (id: string) =>
    (await backend.call('admin', 'get', `/servers/incoming/${id}`)).body.health;

  it('shows what failed and never the password: fetch health, Test Connection, sample, log', async () => {
    const id = await addServer(incoming(peer.port));

    await backend.call('admin', 'post', `/servers/incoming/${id}/sync`, {});
    const fetched = await waitFor(async () => {
      const health = await healthOf(id);
      return /^auth: .*Sign-in refused/.test(health.lastError ?? '')
        ? health
        : undefined;
    }, 'the fetch to record its failure');
    expect(fetched).toMatchObject({ status: 'unreachable' });
    expect(fetched.lastError).toContain(
      'Authentication failed: bad password ***',
    );
    // A scheduled fetch says it as Test Connection does, hint included.
    expect(fetched.lastError).toMatch(
      /^auth: The username or password was not accepted: .*\. Check the username/,
    );

    // Disabled, so no fetch run writes its health between the calls below.
    const quiet = await addServer(
      incoming(peer.port, { name: 'Echo, disabled', enabled: false }),
    );
    const tested = await backend.call(
      'admin',
      'post',
      `/servers/incoming/${quiet}/test`,
      {},
    );
    expect(tested.status).toBe(200);
    const auth = tested.body.stages.find((s: any) => s.stage === 'auth');
    expect(auth).toMatchObject({ ok: false });
    expect(auth.message).toContain('bad password ***');
    expect((await healthOf(quiet)).lastError).toMatch(
      /^auth: The username or password was not accepted: .*bad password \*\*\*.*\. Check the username/,
    );

    const sample = await backend.call(
      'admin',
      'post',
      `/servers/incoming/${quiet}/sample`,
      {},
    );
    expect(sample.status).toBe(502);
    expect(sample.body.error).toMatchObject({
      name: 'SampleFetchError',
      stage: 'auth',
      hint: expect.stringMatching(/^Check the username/),
    });
    expect(sample.body.error.message).toContain(
      'Authentication failed: bad password ***',
    );
    expect(peer.received.join('\n')).toContain(PASSWORD);
    expectNoSecret(backend.everythingSaid(), PASSWORD, USER);
  });

  it('answers a refused connection to Fetch a sample mail as a 502 naming the stage', async () => {
    const id = await addServer(incoming(await freePort(), { name: 'Closed' }));
    const sample = await backend.call(
      'admin',
      'post',
      `/servers/incoming/${id}/sample`,
      {},
    );
    expect(sample.status).toBe(502);
    expect(sample.body.error).toMatchObject({
      name: 'SampleFetchError',
      stage: 'tcp',
      message: expect.stringContaining('ECONNREFUSED'),
    });
    expectNoSecret(backend.everythingSaid(), PASSWORD, USER);
  });

  it('answers an OAuth mailbox nobody signed in to as a 502 at the auth stage', async () => {
    const id = await addServer(
      incoming(peer.port, {
        name: 'Not signed in',
        authType: 'oauth',
        password: undefined,
        oauth: {
          clientId: 'c',
          clientSecret: CLIENT_SECRET,
          authorizationUrl: 'https://login.example.com/a',
          tokenUrl: 'https://login.example.com/t',
          scope: 's',
        },
      }),
    );
    const sample = await backend.call(
      'admin',
      'post',
      `/servers/incoming/${id}/sample`,
      {},
    );
    expect(sample.status).toBe(502);
    expect(sample.body.error).toMatchObject({
      name: 'SampleFetchError',
      stage: 'auth',
    });
    expectNoSecret(backend.everythingSaid(), CLIENT_SECRET);
  });
});
