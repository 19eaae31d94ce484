import { startEmailsBackend } from '../../__testUtils__/testBackend';

/** A test backend as startEmailsBackend answers it. */
export type TestEmailsBackend = Awaited<ReturnType<typeof startEmailsBackend>>;

/**
 * Starts a test backend with one incoming server, "Help inbox"
 * (help@example.com), for routes whose rules and messages need a mailbox to
 * name; answers the backend and the server's id.
 */
export async function startBackendWithHelpInbox(): Promise<{
  backend: TestEmailsBackend;
  mailbox: string;
}> {
  const backend = await startEmailsBackend();
  const created = await backend.call('admin', 'post', '/servers/incoming', {
    name: 'Help inbox',
    email: 'help@example.com',
    protocol: 'imap',
    host: 'imap.example.com',
    port: 993,
    security: 'ssl',
    authType: 'basic',
    username: 'help',
    password: 'pw',
  });
  if (created.status !== 201) {
    throw new Error(`The Help inbox was not created: ${created.status}`);
  }
  return { backend, mailbox: created.body.id };
}
