import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  emailsProcessingExtensionPoint,
  emailsTicketingExtensionPoint,
  EmailsProcessor,
  EmailsTicketing,
} from '@internal/plugin-emails-node';
import { readEmailsConfig } from './config';
import { createStores } from './database';
import { registerPermissions } from './permissions';
import {
  createConfiguration,
  mountRoutes,
  oauthRedirectUrl,
  startInbound,
  startOAuth,
  startOutbound,
} from './wiring';

/** The emails backend plugin: mail servers, inbound pipeline, outbound queue. */
export const emailsPlugin = createBackendPlugin({
  pluginId: 'emails',
  register(env) {
    let ticketing: EmailsTicketing | undefined;
    const processors: EmailsProcessor[] = [];

    env.registerExtensionPoint(emailsTicketingExtensionPoint, {
      setTicketing(t) {
        if (ticketing) {
          throw new Error(
            'The emails ticketing was already set by another module',
          );
        }
        ticketing = t;
      },
    });
    env.registerExtensionPoint(emailsProcessingExtensionPoint, {
      addProcessor(...added) {
        processors.push(...added);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        discovery: coreServices.discovery,
        notifications: notificationService,
      },
      async init(deps) {
        const config = readEmailsConfig(deps.config, deps.logger);
        const stores = await createStores(deps.database);
        registerPermissions(deps.permissionsRegistry, stores.tickets);

        const redirectUrl = await oauthRedirectUrl(deps);
        const configuration = createConfiguration(
          deps,
          config,
          stores,
          redirectUrl,
        );
        const oauth = await startOAuth(
          deps,
          config,
          stores,
          configuration,
          redirectUrl,
        );
        const outbound = await startOutbound(
          deps,
          config,
          stores,
          configuration,
          oauth,
        );
        const inbound = await startInbound(
          deps,
          config,
          stores,
          configuration,
          { ticketing: () => ticketing, processors },
          outbound,
          oauth,
        );
        await mountRoutes(
          deps,
          config,
          stores,
          configuration,
          inbound,
          outbound,
          oauth,
        );

        deps.logger.info(
          `emails plugin ready (${
            processors.length
          } extra processors, ticketing: ${ticketing ? 'module' : 'built-in'})`,
        );
      },
    });
  },
});
