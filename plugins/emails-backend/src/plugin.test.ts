import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  emailsTicketingExtensionPoint,
  InMemoryTicketing,
} from '@internal/plugin-emails-node';
import request from 'supertest';
import { emailsPlugin } from './plugin';

jest.setTimeout(60_000);

function ticketingModule(moduleId: string) {
  return createBackendModule({
    pluginId: 'emails',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { slot: emailsTicketingExtensionPoint },
        async init({ slot }) {
          slot.setTicketing(new InMemoryTicketing());
        },
      });
    },
  });
}

// The default mock database's knex pool is never destroyed, and its reaping
// interval kept the Jest worker alive ("failed to exit gracefully");
// TestDatabases destroys the pools it hands out after the file's tests.
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const database = async () =>
  mockServices.database.factory({ knex: await databases.init('SQLITE_3') });

describe('emails backend plugin', () => {
  it('answers health without credentials and guards everything else', async () => {
    const { server } = await startTestBackend({
      features: [
        emailsPlugin,
        await database(),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        // Requests without a token stay anonymous instead of the mock user.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const health = await request(server).get('/api/emails/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });

    const anonymous = await request(server).get('/api/emails/servers/incoming');
    expect(anonymous.status).toBe(401);

    const signedIn = await request(server)
      .get('/api/emails/servers/incoming')
      .set('Authorization', mockCredentials.user.header());
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual([]);

    // The Outgoing queue is mounted and guarded like the rest.
    expect((await request(server).get('/api/emails/outbound')).status).toBe(
      401,
    );
    const queue = await request(server)
      .get('/api/emails/outbound?status=failed')
      .set('Authorization', mockCredentials.user.header());
    expect(queue.status).toBe(200);
    expect(queue.body).toEqual({ items: [] });
  });

  it('answers 403 naming the permission when the policy denies', async () => {
    const { server } = await startTestBackend({
      features: [
        emailsPlugin,
        await database(),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const res = await request(server)
      .get('/api/emails/servers/outgoing')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Missing permission emails.server.read',
    );
  });

  it('takes one ticketing module and refuses a second', async () => {
    await expect(
      startTestBackend({
        features: [emailsPlugin, await database(), ticketingModule('first')],
      }),
    ).resolves.toBeDefined();
    await expect(
      startTestBackend({
        features: [
          emailsPlugin,
          await database(),
          ticketingModule('first'),
          ticketingModule('second'),
        ],
      }),
    ).rejects.toThrow('The emails ticketing was already set by another module');
  });
});
