import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { emailsPermissions } from '@internal/plugin-emails-common';
import {
  emailsProcessingExtensionPoint,
  emailsTicketingExtensionPoint,
  EmailsProcessor,
  EmailsTicketing,
} from '@internal/plugin-emails-node';
import { MailServerStore, openDatabase } from './database';
import { createRouter } from './service/router';

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
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        logger,
        database,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
      }) {
        const db = await openDatabase(database);
        permissionsRegistry.addPermissions(emailsPermissions);
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            incomingServers: new MailServerStore(db, 'incoming'),
            outgoingServers: new MailServerStore(db, 'outgoing'),
          }),
        );
        logger.info(
          `emails plugin ready (${
            processors.length
          } extra processors, ticketing: ${ticketing ? 'module' : 'built-in'})`,
        );
      },
    });
  },
});
