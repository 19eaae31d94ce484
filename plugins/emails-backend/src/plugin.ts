import {
  coreServices,
  createBackendPlugin,
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  EMAILS_SERVERS_TOPIC,
  emailsPermissions,
} from '@internal/plugin-emails-common';
import {
  emailsProcessingExtensionPoint,
  emailsTicketingExtensionPoint,
  EmailsProcessor,
  EmailsTicketing,
} from '@internal/plugin-emails-node';
import { ConfigAuditRecorder } from './audit/ConfigAuditRecorder';
import { readEmailsConfig } from './config';
import { createStores, Stores } from './database';
import { createRouter } from './service/router';
import { createAccess } from './service/access';
import { createInboundRouter } from './service/inboundRoutes';
import { createOutboundRouter } from './service/outboundRoutes';
import { IngestService } from './ingest/IngestService';
import {
  catalogTechnicianLookup,
  catalogUserLookup,
} from './ingest/catalogUsers';
import { ThreadTokens } from './threading';
import { DatabaseTicketing } from './ticketing/DatabaseTicketing';
import { TicketQueries } from './ticketing/TicketQueries';
import { TicketReplyService } from './ticketing/TicketReplyService';
import { Acknowledgements } from './ticketing/Acknowledgements';
import {
  OUTBOUND_TASK_ID,
  outboundQueueOf,
  OutboundWorker,
  startOutboundWorker,
} from './outbound';
import { startMailboxTasks } from './fetching';
import { ensureDemoMailbox, startSmtpPushListener } from './mail/push';
import { ConnectionService } from './servers/ConnectionService';
import { MailServerService } from './servers/MailServerService';
import { PreferenceService } from './servers/PreferenceService';
import { ProxyService } from './servers/ProxyService';
import { ServerReferences } from './servers/references';

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
      },
      async init(deps) {
        const { logger, httpRouter, events } = deps;
        const config = readEmailsConfig(deps.config, logger);
        const stores = await createStores(deps.database);
        deps.permissionsRegistry.addPermissions(emailsPermissions);

        const audit = new ConfigAuditRecorder(stores.configAudit, deps.auditor);
        const references = new ServerReferences(
          stores,
          deps.catalog,
          deps.auth,
        );
        const onChange = (
          direction: 'incoming' | 'outgoing',
          serverId: string,
        ) =>
          events.publish({
            topic: EMAILS_SERVERS_TOPIC,
            eventPayload: { direction, serverId },
          });
        const serverDeps = {
          stores,
          secrets: config.secrets,
          references,
          audit,
          onChange,
        };
        const servers = {
          incoming: new MailServerService('incoming', serverDeps),
          outgoing: new MailServerService('outgoing', serverDeps),
        };

        const preferences = new PreferenceService({ stores, audit });
        const tokens = new ThreadTokens(
          config.replies.threadKeys[0],
          config.replies.threadKeys.slice(1),
        );
        const builtInTicketing = new DatabaseTicketing(
          stores.tickets,
          stores.attachments,
        );
        const outboundQueue = outboundQueueOf(stores.outbound);
        const acknowledgements = new Acknowledgements({
          stores,
          queue: outboundQueue,
          tokens,
          messageIdDomain: config.replies.messageIdDomain,
          auditor: deps.auditor,
        });
        const ingest = new IngestService({
          stores,
          ticketing: () => ticketing ?? builtInTicketing,
          processors,
          preferences: () => preferences.get(),
          findUser: catalogUserLookup(deps.catalog, deps.auth),
          logger: logger.child({ task: 'ingest' }),
          tokens,
          acknowledgements,
          isTechnician: catalogTechnicianLookup(deps.catalog, deps.auth),
          classify: {
            messageIdDomain: config.replies.messageIdDomain,
            trustedAuthservIds: config.replies.trustedAuthservIds,
            dmarcFailure: config.replies.dmarcFailure,
          },
        });

        const mailboxes = await startMailboxTasks({
          scheduler: deps.scheduler,
          logger,
          events,
          stores,
          servers: servers.incoming,
          ingest,
          config,
        });
        deps.lifecycle.addShutdownHook(() => mailboxes.stop());
        await startPush(config, {
          ingest,
          logger,
          stores,
          servers: servers.incoming,
          lifecycle: deps.lifecycle,
        });

        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        const proxies = new ProxyService({
          stores,
          secrets: config.secrets,
          audit,
        });
        const outboundWorker = new OutboundWorker({
          store: stores.outbound,
          servers: {
            list: () => stores.outgoingServers.list(),
            withSecrets: id => servers.outgoing.withSecrets(id),
          },
          proxyFor: async id => {
            const { record, password } = await proxies.withPassword(id);
            return {
              protocol: record.protocol as 'http' | 'socks5',
              host: record.host,
              port: record.port,
              username: record.username,
              password,
            };
          },
          trustedCertificates: config.trustedCertificates,
          logger: logger.child({ task: 'outbound' }),
        });
        await startOutboundWorker({
          scheduler: deps.scheduler,
          logger,
          lifecycle: deps.lifecycle,
          worker: outboundWorker,
        });
        const replies = new TicketReplyService({
          stores,
          queue: outboundQueue,
          tokens,
          messageIdDomain: config.replies.messageIdDomain,
          preferences: () => preferences.get(),
        });

        // First: its reply route takes bodies larger than the main router's 1 MB JSON limit.
        httpRouter.use(
          createInboundRouter({
            access: createAccess(deps.httpAuth, deps.permissions),
            stores,
            ingest,
            tickets: new TicketQueries(stores),
            replies,
          }),
        );
        httpRouter.use(
          createOutboundRouter({
            access: createAccess(deps.httpAuth, deps.permissions),
            outbound: stores.outbound,
            // Send at once rather than at the next run; a run under way picks it up anyway.
            onRetry: () => {
              deps.scheduler.triggerTask(OUTBOUND_TASK_ID).catch(() => {});
            },
          }),
        );
        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            servers,
            proxies: new ProxyService({
              stores,
              secrets: config.secrets,
              audit,
            }),
            preferences,
            connections: new ConnectionService({
              servers,
              health: stores.health,
              timeoutMs: config.testConnectionTimeoutMs,
              trustedCertificates: config.trustedCertificates,
            }),
            configAudit: stores.configAudit,
            mailboxes,
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

/** The SMTP push listener and the local portal's demo mailbox, when configured. */
async function startPush(
  config: ReturnType<typeof readEmailsConfig>,
  deps: {
    ingest: IngestService;
    logger: LoggerService;
    stores: Stores;
    servers: MailServerService;
    lifecycle: LifecycleService;
  },
) {
  if (!config.smtpPush.enabled) return;
  try {
    const push = await startSmtpPushListener({
      config: config.smtpPush,
      ingest: deps.ingest,
      logger: deps.logger,
      stores: deps.stores,
    });
    deps.lifecycle.addShutdownHook(() => push.stop());
  } catch (error) {
    // A sender that cannot connect retries later, so no mail is lost.
    deps.logger.error(`SMTP push could not listen: ${error}`);
  }
  const demo = config.smtpPush.demoMailbox;
  if (demo) {
    // After startup, when the catalog can answer whether the admin group exists.
    deps.lifecycle.addStartupHook(async () => {
      await ensureDemoMailbox({
        email: demo,
        admins: config.admins,
        servers: deps.servers,
        logger: deps.logger,
      });
    });
  }
}
