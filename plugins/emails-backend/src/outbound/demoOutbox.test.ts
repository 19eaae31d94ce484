import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmailsBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

describe('the demo outbox of the local portal', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'emails-outbox-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('adds the primary "Demo outbox" server and saves what it is sent as .eml files', async () => {
    const { call } = await startEmailsBackend({
      demoOutbox: {
        enabled: true,
        port: 0,
        directory,
        email: 'desk@localhost',
      },
    });
    const servers = (await call('admin', 'get', '/servers/outgoing')).body;
    expect(servers).toHaveLength(1);
    expect(servers[0]).toMatchObject({
      name: 'Demo outbox',
      email: 'desk@localhost',
      host: '127.0.0.1',
      security: 'none',
      primary: true,
    });

    // Test Connection with a recipient sends a real message to the sink.
    const test = await call(
      'admin',
      'post',
      `/servers/outgoing/${servers[0].id}/test`,
      {
        to: 'rita@example.org',
      },
    );
    expect(test.status).toBe(200);
    expect(test.text).not.toContain('"status":"fail"');
    const files = await readdir(directory);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const saved = await readFile(join(directory, files[0]), 'utf8');
    expect(saved).toContain('To: rita@example.org');
    expect(saved).toContain('From: desk@localhost');

    // The server was added by the demo setup, in the audit trail.
    const audit = (
      await call('admin', 'get', '/audit/config?target=outgoing-server')
    ).body;
    expect((audit.items ?? audit)[0].actor).toBe('emails-demo-setup');
  });
});
