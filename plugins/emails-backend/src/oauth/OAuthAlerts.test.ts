import { TestDatabases } from '@backstage/backend-test-utils';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';
import { oauthServices } from './__testUtils__/oauthServices';

jest.setTimeout(60_000);

const ADMIN = { actor: 'user:default/alice' };
const DAY = 86_400_000;

function server(name: string, clientSecretExpiresAt: string) {
  return {
    name,
    email: `${name}@example.com`,
    protocol: 'imap',
    provider: 'google',
    host: 'imap.example.com',
    port: 993,
    security: 'ssl',
    authType: 'oauth',
    enabled: false,
    oauth: {
      clientId: 'desk',
      clientSecret: 'desk-secret',
      authorizationUrl: 'https://accounts.example.com/auth',
      tokenUrl: 'https://accounts.example.com/token',
      scope: 'https://mail.google.com/',
      clientSecretExpiresAt,
    },
  };
}

const day = (offset: number) =>
  new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe('OAuthAlerts', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'warns once per date about client secrets that expire within 14 days on %p',
    async databaseId => {
      const o = await oauthServices(await migratedKnex(databases, databaseId));
      const soon = await o.servers.incoming.create(
        server('soon', day(10)),
        ADMIN,
      );
      await o.servers.incoming.create(server('later', day(40)), ADMIN);
      expect(
        (await o.servers.incoming.get(soon.id)).oauthConsent,
      ).toMatchObject({
        status: 'none',
        clientSecretExpiresSoon: true,
      });

      expect(await o.alerts.checkClientSecrets()).toBe(1);
      expect(await o.alerts.checkClientSecrets()).toBe(0);
      expect(o.notifications).toHaveLength(1);
      expect(o.notifications[0].payload.title).toBe(
        `The client secret of the incoming email server "soon" expires on ${day(
          10,
        )}`,
      );

      // A new secret with a new date that is close again warns again.
      const current = await o.servers.incoming.get(soon.id);
      await o.servers.incoming.update(
        soon.id,
        { ...server('soon', day(5)), version: current.version },
        ADMIN,
      );
      expect(await o.alerts.checkClientSecrets()).toBe(1);
      const trail = await o.stores.configAudit.list({
        target: 'incoming-server',
      });
      expect(trail.filter(e => e.action === 'secret-expiring')).toHaveLength(2);
      // No secret in the notifications or the trail.
      expect(JSON.stringify([o.notifications, trail])).not.toContain(
        'desk-secret',
      );
    },
  );
});
