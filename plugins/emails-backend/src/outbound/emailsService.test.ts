import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { EmailsService, emailsServiceRef } from '@internal/plugin-emails-node';
import { startTestBed, TestBed } from '@internal/emails-test-bed';
import { simpleParser } from 'mailparser';
import { startEmailsBackend } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const USER = 'notify@localhost';

/** Another backend plugin of the portal that mails through the emails channel. */
function consumerPlugin(received: { emails?: EmailsService }) {
  return createBackendPlugin({
    pluginId: 'notifier',
    register(env) {
      env.registerInit({
        deps: { emails: emailsServiceRef },
        async init({ emails }) {
          received.emails = emails;
        },
      });
    },
  });
}

describe('emailsServiceRef', () => {
  let bed: TestBed;
  let backend: Awaited<ReturnType<typeof startEmailsBackend>>;
  const consumer: { emails?: EmailsService } = {};

  beforeAll(async () => {
    bed = await startTestBed({
      users: [{ user: USER, password: 'notify-pw' }],
    });
    backend = await startEmailsBackend(
      { tls: { trustedCertificates: [bed.caPem] } },
      [consumerPlugin(consumer)],
    );
    const created = await backend.call('admin', 'post', '/servers/outgoing', {
      name: 'Bed submission',
      email: USER,
      protocol: 'smtp',
      host: bed.host,
      port: bed.ports.submission,
      security: 'starttls',
      authNeeded: true,
      authType: 'basic',
      username: USER,
      password: 'notify-pw',
      primary: true,
    });
    if (created.status !== 201) {
      throw new Error(`Could not add the outgoing server: ${created.text}`);
    }
  });
  afterAll(() => bed?.stop());

  it('lets another plugin send through the queue and follow the message to sent', async () => {
    const emails = consumer.emails!;
    const queued = await emails.send({
      to: ['rita@example.org'],
      subject: 'Your build finished',
      text: 'The nightly build of payments is green.',
      html: '<p>The nightly build of <b>payments</b> is green.</p>',
      idempotencyKey: 'build-42',
      automatic: true,
      // Normalised like the rules' group values, so they match.
      routing: { technicianGroup: 'IT-Support' },
    });
    expect(queued).toMatchObject({
      status: 'queued',
      to: ['rita@example.org'],
      from: USER,
      routing: { technicianGroup: 'group:default/it-support' },
    });
    // The same key from the same plugin queues once.
    expect(
      (
        await emails.send({
          to: ['rita@example.org'],
          subject: 'Your build finished',
          text: 'again',
          idempotencyKey: 'build-42',
        })
      ).id,
    ).toBe(queued.id);

    // The plugin's outbound worker (a scheduled task) sends it through Dovecot submission.
    const delivered = await bed.waitForMessage(m =>
      m.raw.toString().includes('Your build finished'),
    );
    const sent = await simpleParser(delivered.raw);
    expect(sent.headers.get('auto-submitted')).toBe('auto-generated');
    expect(sent.html).toContain('<b>payments</b>');
    expect(delivered.to).toEqual(['rita@example.org']);
    let state = await emails.getMessage(queued.id);
    for (let i = 0; i < 50 && state.status !== 'sent'; i++) {
      await new Promise(r => setTimeout(r, 100));
      state = await emails.getMessage(queued.id);
    }
    expect(state).toMatchObject({ status: 'sent', route: { by: 'primary' } });
    // Sending told the server's health, as the admin's card shows it.
    const [server] = (await backend.call('admin', 'get', '/servers/outgoing'))
      .body;
    expect(server.health).toMatchObject({
      status: 'reachable',
      consecutiveFailures: 0,
    });
    expect(server.health.lastSuccessAt).toBeDefined();
  });

  it('names a bad field, refuses header tricks and users, and lists mailboxes with health', async () => {
    const emails = consumer.emails!;
    await expect(
      emails.send({
        to: ['rita@example.org\r\nBcc: all@example.org'],
        subject: 'Hi\r\nBcc: all@example.org',
        text: 'x',
      }),
    ).rejects.toThrow(
      'emails POST /outbound failed with 400: Invalid message: to.0 must be a valid email address like name@example.com; subject must not contain line breaks',
    );
    // A user cannot send as the helpdesk through this route.
    const asUser = await backend.call('admin', 'post', '/outbound', {
      to: ['rita@example.org'],
      subject: 'Spoof',
      text: 'x',
    });
    expect(asUser.status).toBe(403);

    await backend.call('admin', 'post', '/servers/incoming', {
      name: 'Desk',
      email: 'desk@example.org',
      protocol: 'imap',
      host: '127.0.0.1',
      port: 1,
      security: 'none',
      authType: 'basic',
      username: 'desk',
      password: 'pw',
      enabled: false,
    });
    const mailboxes = await emails.listMailboxes();
    expect(mailboxes.map(m => [m.email, m.health.status])).toContainEqual([
      'desk@example.org',
      'disabled',
    ]);
    expect(JSON.stringify(mailboxes)).not.toContain('"pw"');
  });
});
