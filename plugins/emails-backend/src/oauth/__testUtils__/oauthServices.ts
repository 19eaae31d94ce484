import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TestBed } from '@internal/emails-test-bed';
import { Knex } from 'knex';
import { ConfigAuditRecorder } from '../../audit/ConfigAuditRecorder';
import { generateKey, parseKey, SecretBox } from '../../crypto/SecretBox';
import { createStores } from '../../database';
import { MailServerService } from '../../servers/MailServerService';
import { ServerReferences } from '../../servers/references';
import { oauthFetch } from '../http';
import { OAuthAlerts } from '../OAuthAlerts';
import { OAuthSignIn } from '../OAuthSignIn';
import { OAuthTokens } from '../OAuthTokens';

/** The OAuth services over a migrated database, trusting the bed's CA, with recorded notifications. */
export async function oauthServices(knex: Knex, bed?: TestBed) {
  const stores = await createStores({ getClient: async () => knex });
  const secrets = new SecretBox(parseKey(generateKey(), 'test key'));
  const audit = new ConfigAuditRecorder(
    stores.configAudit,
    mockServices.auditor.mock(),
  );
  const serverDeps = {
    stores,
    secrets,
    references: new ServerReferences(
      stores,
      catalogServiceMock({ entities: [] }),
      mockServices.auth(),
    ),
    audit,
    onChange: async () => {},
  };
  const servers = {
    incoming: new MailServerService('incoming', serverDeps),
    outgoing: new MailServerService('outgoing', serverDeps),
  };
  const notifications: { payload: { title: string } }[] = [];
  const logger = mockServices.logger.mock();
  const fetch = oauthFetch(bed ? [bed.caPem] : undefined, 10_000);
  const alerts = new OAuthAlerts({
    notifier: { send: async n => void notifications.push(n) },
    admins: ['group:default/it-support'],
    stores,
    audit,
    logger,
  });
  const shared = { stores, secrets, servers, fetch, audit };
  /** A new token source, as another replica or a restarted backend has. */
  const newTokens = () => new OAuthTokens({ ...shared, alerts, logger });
  const signIn = new OAuthSignIn({
    ...shared,
    redirectUrl: 'https://portal.example.com/api/emails/oauth/callback',
  });
  return {
    stores,
    secrets,
    servers,
    alerts,
    signIn,
    tokens: newTokens(),
    newTokens,
    notifications,
  };
}
