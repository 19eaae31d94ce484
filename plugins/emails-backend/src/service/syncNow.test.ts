import {
  buildTestMessage,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { waitFor } from '../__testUtils__/waitFor';
import { startEmailsBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

// POP3 cards offer Sync now: the fetch tasks are protocol-independent, so
// the backend fetches a POP3 mailbox at once as it does an IMAP one.
describe('Sync now of a POP3 mailbox through the API against a real Dovecot', () => {
  let backend: Awaited<ReturnType<typeof startEmailsBackend>>;
  let bed: TestBed;
  const user = 'support@localhost';

  beforeAll(async () => {
    bed = await startTestBed();
    backend = await startEmailsBackend({
      tls: { trustedCertificates: [bed.caPem] },
    });
  });
  afterAll(async () => {
    await bed?.stop();
  });

  it('fetches new mail at once, not at the next poll', async () => {
    const { call } = backend;
    const created = await call('admin', 'post', '/servers/incoming', {
      name: 'POP3 support',
      email: user,
      protocol: 'pop3',
      host: bed.host,
      port: bed.ports.pop3s,
      security: 'ssl',
      authType: 'basic',
      username: user,
      password: bed.passwordOf(user),
      technicianGroup: 'group:default/it-support',
      // No scheduled poll within the test: only Sync now fetches.
      pollIntervalSeconds: 3600,
    });
    expect(created.status).toBe(201);
    const path = `/servers/incoming/${created.body.id}`;
    // The first connection only notes where the mailbox starts.
    await waitFor(async () => {
      const { health } = (await call('admin', 'get', path)).body;
      return health.lastSuccessAt ? health : undefined;
    }, 'the first POP3 connection');

    await bed.deliver(
      user,
      buildTestMessage({ subject: 'Printer jam on floor 4', to: user }),
    );
    const synced = await call('admin', 'post', `${path}/sync`, {});
    expect(synced.status).toBe(202);
    expect(['started', 'running']).toContain(synced.body.status);
    const message = await waitFor(
      async () => {
        const { items } = (
          await call('admin', 'get', `/messages?serverId=${created.body.id}`)
        ).body;
        return items.find((m: any) => m.subject === 'Printer jam on floor 4');
      },
      'the POP3 message to be fetched',
      20_000,
    );
    expect(message.status).toBe('ticketed');
  });
});
