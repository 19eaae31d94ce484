import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { IncomingServer } from '@internal/plugin-emails-common';
import { ConfigAuditRecorder } from '../../audit/ConfigAuditRecorder';
import { generateKey, parseKey, SecretBox } from '../../crypto/SecretBox';
import { createStores, Stores } from '../../database';
import { MailServerService } from '../../servers/MailServerService';
import { ServerReferences } from '../../servers/references';
import { DEMO_SETUP_ACTOR, ensureDemoMailbox } from './demoMailbox';

jest.setTimeout(30_000);

const IT_SUPPORT = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'it-support', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('ensureDemoMailbox', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function service(groups: object[], catalog?: any) {
    const stores: Stores = await createStores({
      getClient: async () => databases.init('SQLITE_3'),
    });
    const servers = new MailServerService('incoming', {
      stores,
      secrets: new SecretBox(parseKey(generateKey(), 'test key')),
      references: new ServerReferences(
        stores,
        catalog ?? catalogServiceMock({ entities: groups as any }),
        mockServices.auth(),
      ),
      audit: new ConfigAuditRecorder(
        stores.configAudit,
        mockServices.auditor.mock(),
      ),
      onChange: async () => {},
    });
    return { stores, servers };
  }

  const options = (servers: MailServerService) => ({
    email: 'support@localhost',
    admins: ['user:default/boss', 'group:default/it-support'],
    servers,
    logger: mockServices.logger.mock(),
  });

  it('creates an audited smtp-push mailbox with the first admin group, once', async () => {
    const { stores, servers } = await service([IT_SUPPORT]);
    expect(await ensureDemoMailbox(options(servers))).toBe('created');
    expect(await ensureDemoMailbox(options(servers))).toBe('exists');
    const [demo] = (await servers.list()) as IncomingServer[];
    expect(demo).toMatchObject({
      name: 'Demo mailbox',
      email: 'support@localhost',
      protocol: 'smtp-push',
      enabled: true,
      technicianGroup: 'group:default/it-support',
    });
    expect(await stores.configAudit.list()).toEqual([
      expect.objectContaining({
        actor: DEMO_SETUP_ACTOR,
        action: 'create',
        targetId: demo.id,
      }),
    ]);
  });

  it('creates it without a technician group when the catalog lacks the group', async () => {
    const { servers } = await service([]);
    expect(await ensureDemoMailbox(options(servers))).toBe('created');
    const [demo] = (await servers.list()) as IncomingServer[];
    expect(demo.technicianGroup).toBeUndefined();
  });

  it('sets the admin group later, audited, once the catalog has read it', async () => {
    let known = false;
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async () => (known ? (IT_SUPPORT as any) : undefined),
    });
    const { stores, servers } = await service([], catalog);
    const settled = new Promise<boolean>(resolve =>
      ensureDemoMailbox({
        ...options(servers),
        groupRetry: { attempts: 50, intervalMs: 20 },
        onGroupSettled: resolve,
      }).then(result => expect(result).toBe('created')),
    );
    // The catalog reads the organisation a moment after startup.
    setTimeout(() => {
      known = true;
    }, 100);
    expect(await settled).toBe(true);
    const [demo] = (await servers.list()) as IncomingServer[];
    expect(demo.technicianGroup).toBe('group:default/it-support');
    const trail = await stores.configAudit.list({ target: 'incoming-server' });
    expect(trail.map(e => [e.action, e.actor])).toEqual([
      ['update', DEMO_SETUP_ACTOR],
      ['create', DEMO_SETUP_ACTOR],
    ]);
  });
});
