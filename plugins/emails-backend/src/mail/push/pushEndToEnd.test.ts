import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import nodemailer from 'nodemailer';
import { createStores } from '../../database';
import { plainIngest } from '../../ingest/__testUtils__/pipeline';
import { eventually } from '../../fetching/__testUtils__/mailboxFixture';
import { startSmtpPushListener } from './SmtpPushListener';

jest.setTimeout(60_000);

describe('SMTP push through the real pipeline', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('makes a ticket of pushed mail, and answers 4xx while the database is unavailable', async () => {
    const knex = await databases.init('SQLITE_3');
    const stores = await createStores({ getClient: async () => knex });
    await stores.incomingServers.create({
      name: 'Demo',
      email: 'support@localhost',
      protocol: 'smtp-push',
      enabled: true,
      primary: false,
      settings: {},
    });
    const ingest = plainIngest(stores);
    const listener = await startSmtpPushListener({
      config: {
        enabled: true,
        host: '127.0.0.1',
        port: 0,
        lmtp: false,
        maxMessageBytes: 1024 * 1024,
        allowedSources: ['127.0.0.0/8', '::1'],
        maxClients: 50,
        maxSessionMs: 600_000,
        maxCommandsPerSession: 1000,
      },
      ingest,
      logger: mockServices.logger.mock(),
      stores,
    });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      const sent = await transport.sendMail({
        from: 'guest@example.org',
        to: 'support@localhost',
        subject: 'Pushed',
        text: 'hello',
      });
      expect(sent.response).toMatch(/^250 /);
      const page = await eventually(
        () => stores.tickets.list({}),
        p => p.items.length > 0,
      );
      expect(page.items.map(t => t.title)).toEqual(['Pushed']);

      await knex.destroy();
      const refused = await transport
        .sendMail({
          from: 'guest@example.org',
          to: 'support@localhost',
          subject: 'While down',
          text: 'retry me',
        })
        .then(
          () => undefined,
          (error: { responseCode?: number }) => error,
        );
      // Temporary: the sender keeps the message and tries again later.
      expect(refused?.responseCode).toBeGreaterThanOrEqual(400);
      expect(refused?.responseCode).toBeLessThan(500);
    } finally {
      transport.close();
      await listener.stop();
    }
  });
});
