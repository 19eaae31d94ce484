import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import emailsPlugin from '@internal/plugin-emails-backend';
import request from 'supertest';
import catalogModuleEmails from './index';

jest.setTimeout(60_000);

// The default mock database's knex pool is never destroyed, and its reaping
// interval kept the Jest worker alive ("failed to exit gracefully");
// TestDatabases destroys the pools it hands out in afterAll.
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** Polls until `check` passes; events are delivered asynchronously. */
async function eventually(check: () => void, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(r => setTimeout(r, 50));
    }
  }
}

describe('catalogModuleEmails', () => {
  it('republishes the server entities as soon as a server is added or deleted', async () => {
    const providers: EntityProvider[] = [];
    const mutations: EntityProviderMutation[] = [];
    // One bus for both plugins, as the real events service has; the test
    // backend would otherwise give each plugin a separate mock.
    const bus = mockServices.events();
    const { server } = await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (...p: any[]) => providers.push(...p.flat()),
            addProcessor: () => {},
            addPlaceholderResolver: () => {},
            setOnProcessingErrorHandler: () => {},
          } as any,
        ],
      ],
      features: [
        catalogModuleEmails,
        emailsPlugin,
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => bus,
        }),
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        // The schedule must not be what refreshes the entities here.
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: { emails: { admins: ['group:default/emails-admins'] } },
        }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'it-support', namespace: 'default' },
              spec: { type: 'team', children: [] },
            },
          ],
        }),
      ],
    });
    expect(providers.map(p => p.getProviderName())).toEqual(['emails-servers']);
    await providers[0].connect({
      applyMutation: async m => {
        mutations.push(m);
      },
      refresh: async () => {},
    });

    const created = await request(server)
      .post('/api/emails/servers/incoming')
      .set('Authorization', mockCredentials.user.header())
      .send({
        name: 'IT Support',
        email: 'support@example.com',
        protocol: 'imap',
        host: 'imap.example.com',
        port: 993,
        security: 'ssl',
        authType: 'basic',
        username: 'support',
        password: 'pw',
        technicianGroup: 'group:default/it-support',
      });
    expect(created.status).toBe(201);

    await eventually(() => {
      const published = mutations.at(-1) as any;
      expect(published?.type).toBe('full');
      expect(
        published.entities.map((e: any) => [
          e.entity.metadata.name,
          e.entity.spec.owner,
        ]),
      ).toEqual([[`incoming-${created.body.id}`, 'group:default/it-support']]);
    });

    await request(server)
      .delete(`/api/emails/servers/incoming/${created.body.id}`)
      .set('Authorization', mockCredentials.user.header());
    await eventually(() =>
      expect(mutations.at(-1)).toEqual({ type: 'full', entities: [] }),
    );
  });
});
