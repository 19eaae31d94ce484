import { startEmailsBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

describe('GET /servers/incoming/:id/activity', () => {
  let backend: Awaited<ReturnType<typeof startEmailsBackend>>;
  let mailbox: string;

  beforeAll(async () => {
    backend = await startEmailsBackend();
    const created = await backend.call('admin', 'post', '/servers/incoming', {
      name: 'Help inbox',
      email: 'help@example.com',
      protocol: 'imap',
      // Disabled, on loopback: nothing is fetched, nothing leaves the machine.
      enabled: false,
      host: '127.0.0.1',
      port: 9,
      security: 'ssl',
      authType: 'basic',
      username: 'help',
      password: 'pw',
    });
    mailbox = created.body.id;
    if (!mailbox) throw new Error(`No server created: ${created.text}`);
  });

  it('answers 24 hours of the server, oldest first, to admins', async () => {
    const res = await backend.call(
      'admin',
      'get',
      `/servers/incoming/${mailbox}/activity`,
    );
    expect(res.status).toBe(200);
    expect(res.body.serverId).toBe(mailbox);
    expect(res.body.hours).toHaveLength(24);
    const starts = res.body.hours.map((h: { hour: string }) =>
      Date.parse(h.hour),
    );
    expect(starts[23] - starts[0]).toBe(23 * 3600_000);
    expect(Date.now() - starts[23]).toBeLessThan(3600_000);
  });

  it('is 404 for an unknown server and 403 for a technician', async () => {
    const unknown = await backend.call(
      'admin',
      'get',
      '/servers/incoming/no-such-server/activity',
    );
    expect(unknown.status).toBe(404);
    const technician = await backend.call(
      'technician',
      'get',
      `/servers/incoming/${mailbox}/activity`,
    );
    expect(technician.status).toBe(403);
  });
});
