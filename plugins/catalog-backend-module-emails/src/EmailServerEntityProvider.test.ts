import { mockServices } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { IncomingServer, OutgoingServer } from '@internal/plugin-emails-common';
import { EmailServerEntityProvider } from './EmailServerEntityProvider';
import { EmailServerSource } from './serverEntities';

const incoming = {
  id: 'in-1',
  name: 'IT Support',
  email: 'support@example.com',
  protocol: 'imap',
  technicianGroup: 'group:default/it-support',
} as IncomingServer;
const unowned = {
  ...incoming,
  id: 'in-2',
  name: 'HR',
  technicianGroup: undefined,
};
const outgoing = {
  id: 'out-1',
  name: 'Relay',
  email: 'noreply@example.com',
  protocol: 'smtp',
} as OutgoingServer;

function sourceWith(
  inc: IncomingServer[],
  out: OutgoingServer[],
): EmailServerSource {
  return {
    listIncoming: async () => inc,
    listOutgoing: async () => out,
    serverUrl: (direction, id) =>
      `http://127.0.0.1:7007/api/emails/servers/${direction}/${id}`,
  };
}

function recordingConnection() {
  const mutations: any[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async m => {
      mutations.push(m);
    },
    refresh: async () => {},
  };
  return { connection, mutations };
}

describe('EmailServerEntityProvider', () => {
  it('publishes every server as an email-server Resource owned by its technician group', async () => {
    const provider = new EmailServerEntityProvider(
      sourceWith([incoming, unowned], [outgoing]),
      'group:default/emails-admins',
      mockServices.logger.mock(),
    );
    const { connection, mutations } = recordingConnection();
    await provider.connect(connection);
    await provider.refresh();

    expect(mutations).toHaveLength(1);
    expect(mutations[0].type).toBe('full');
    const entities = mutations[0].entities.map((e: any) => e.entity);
    expect(entities.map((e: any) => [e.metadata.name, e.spec.owner])).toEqual([
      ['incoming-in-1', 'group:default/it-support'],
      ['incoming-in-2', 'group:default/emails-admins'],
      ['outgoing-out-1', 'group:default/emails-admins'],
    ]);
    expect(entities[0]).toMatchObject({
      kind: 'Resource',
      metadata: {
        title: 'IT Support',
        annotations: {
          'emails.backstage.io/server-id': 'in-1',
          'emails.backstage.io/protocol': 'imap',
          'emails.backstage.io/direction': 'incoming',
          'backstage.io/managed-by-location':
            'url:http://127.0.0.1:7007/api/emails/servers/incoming/in-1',
        },
      },
      spec: { type: 'email-server' },
    });
    expect(entities[2].metadata.description).toBe(
      'Outgoing email server for noreply@example.com (SMTP)',
    );
  });

  it('removes entities of deleted servers with the next full mutation', async () => {
    const servers = [incoming];
    const provider = new EmailServerEntityProvider(
      sourceWith(servers, []),
      'group:default/emails-admins',
      mockServices.logger.mock(),
    );
    const { connection, mutations } = recordingConnection();
    await provider.connect(connection);
    await provider.refresh();
    servers.pop();
    await provider.refresh();
    expect(mutations[1]).toEqual({ type: 'full', entities: [] });
  });

  it('refuses to refresh before the catalog connected it', async () => {
    const provider = new EmailServerEntityProvider(
      sourceWith([], []),
      'group:default/x',
      mockServices.logger.mock(),
    );
    await expect(provider.refresh()).rejects.toThrow('not connected');
  });
});
