import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { EMAILS_SERVERS_TOPIC } from '@internal/plugin-emails-common';
import { EmailServerEntityProvider } from './EmailServerEntityProvider';
import { HttpEmailServerSource } from './HttpEmailServerSource';

/** Mail servers of the emails plugin as catalog Resource entities. */
export const catalogModuleEmails = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'emails',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({
        catalog,
        config,
        discovery,
        auth,
        logger,
        scheduler,
        events,
      }) {
        const defaultOwner =
          config.getOptionalStringArray('emails.admins')?.[0] ??
          'group:default/it-support';
        const provider = new EmailServerEntityProvider(
          new HttpEmailServerSource(discovery, auth),
          defaultOwner,
          logger.child({ target: 'emails-servers' }),
        );
        catalog.addEntityProvider(provider);
        const refresh = async (why: string) => {
          try {
            await provider.refresh();
          } catch (error) {
            logger.warn(
              `Could not refresh email server entities (${why}): ${error}`,
            );
          }
        };
        // A change is published by the emails backend as it commits; the
        // schedule is the safety net for a missed event.
        await events.subscribe({
          id: 'catalog-emails-servers',
          topics: [EMAILS_SERVERS_TOPIC],
          onEvent: async () => refresh('server changed'),
        });
        await scheduler.scheduleTask({
          id: 'emails:catalog:refresh',
          frequency: { minutes: 5 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 15 },
          fn: async () => refresh('schedule'),
        });
      },
    });
  },
});
