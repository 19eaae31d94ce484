import { createConditionTransformer } from '@backstage/plugin-permission-node';
import { Handler } from 'express';
import { EmailsConfig } from '../config';
import { Stores } from '../database';
import { MailboxTasks } from '../fetching';
import { IngestService } from '../ingest/IngestService';
import { ConnectionService } from '../servers/ConnectionService';
import { createAccess, createServiceAccess } from '../service/access';
import { createActivityRouter } from '../service/activityRoutes';
import { ServerActivityService } from '../health/ServerActivityService';
import { createInboundRouter } from '../service/inboundRoutes';
import { createOAuthRouter } from '../service/oauthRoutes';
import { createOutboundRouter } from '../service/outboundRoutes';
import { createOutsideReplyRouter } from '../service/outsideReplyRoutes';
import { createRouter } from '../service/router';
import { createRuleRouter } from '../service/ruleRoutes';
import { createSimulateRouter } from '../service/simulateRoutes';
import { createErrorHandler } from '../service/errorHandler';
import { TicketQueries } from '../ticketing/TicketQueries';
import { DatabaseTicketing } from '../ticketing/DatabaseTicketing';
import { Configuration } from './configuration';
import { oauthFetch } from '../oauth/http';
import { OAuth } from './oauth';
import { Outbound } from './outbound';
import { ticketPermissionResourceRef } from '../permissions';
import { PluginDeps } from './types';

/** Mounts the REST API (docs/api.md) on the plugin's router. */
export async function mountRoutes(
  deps: PluginDeps,
  config: EmailsConfig,
  stores: Stores,
  configuration: Configuration,
  inbound: { ingest: IngestService; mailboxes: MailboxTasks },
  outbound: Outbound,
  oauth: OAuth,
) {
  const { httpRouter } = deps;
  const access = createAccess(deps.httpAuth, deps.permissions, {
    toQuery: createConditionTransformer(
      deps.permissionsRegistry.getPermissionRuleset(
        ticketPermissionResourceRef,
      ),
    ),
    store: stores.tickets,
  });
  httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
  // The provider sends the admin's browser here without Backstage credentials;
  // only a state this backend issued is accepted (src/oauth/OAuthSignIn.ts).
  httpRouter.addAuthPolicy({
    path: '/oauth/callback',
    allow: 'unauthenticated',
  });
  httpRouter.use(
    createOAuthRouter({
      access,
      signIn: oauth.signIn,
      redirectUrl: oauth.redirectUrl,
      appOrigin: new URL(
        deps.config.getOptionalString('app.baseUrl') ?? 'http://localhost:3000',
      ).origin,
      logger: deps.logger.child({ task: 'oauth' }),
    }),
  );
  // First: its reply route takes bodies larger than the main router's 1 MB JSON limit.
  httpRouter.use(
    createInboundRouter({
      access,
      stores,
      ingest: inbound.ingest,
      tickets: new TicketQueries(stores),
      replies: outbound.replies,
      status: outbound.status,
      onQueued: outbound.wake,
    }),
  );
  const ticketing = new DatabaseTicketing(stores.tickets, stores.attachments);
  httpRouter.use(
    createOutsideReplyRouter({ access, ticketing, auditor: deps.auditor }),
  );
  httpRouter.use(
    createOutboundRouter({
      access,
      outbound: stores.outbound,
      // A run under way picks a retried message up anyway.
      onRetry: outbound.wake,
      plugins: {
        sender: outbound.pluginSender,
        callerOf: createServiceAccess(deps.httpAuth),
      },
    }),
  );
  httpRouter.use(createRuleRouter({ access, rules: configuration.rules }));
  httpRouter.use(
    createSimulateRouter({
      access,
      simulator: inbound.ingest,
      maxMessageBytes: async () =>
        (await configuration.preferences.get()).limits.maxMessageSizeMb *
        1024 *
        1024,
    }),
  );
  httpRouter.use(
    createActivityRouter({
      access,
      activity: new ServerActivityService(stores),
    }),
  );
  httpRouter.use(
    await createRouter({
      access,
      servers: configuration.servers,
      proxies: configuration.proxies,
      preferences: configuration.preferences,
      connections: new ConnectionService({
        servers: configuration.servers,
        health: stores.health,
        timeoutMs: config.testConnectionTimeoutMs,
        trustedCertificates: config.trustedCertificates,
        oauthToken: (direction, id) => oauth.tokens.accessToken(direction, id),
        graphFetch: oauthFetch(
          config.trustedCertificates,
          config.testConnectionTimeoutMs,
        ),
      }),
      configAudit: stores.configAudit,
      mailboxes: inbound.mailboxes,
    }),
  );
  // Last: error bodies without stacks, paths or library internals. Express
  // hands errors to four-argument middleware, which HttpRouterService's type
  // does not name.
  httpRouter.use(
    createErrorHandler({ logger: deps.logger }) as unknown as Handler,
  );
}
