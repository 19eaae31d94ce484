import { DemoOutboxConfig, EmailsConfig } from '../config';
import { Stores } from '../database';
import { catalogDisplayName } from '../ingest/catalogUsers';
import { Acknowledgements, ClosedNotifications } from '../notifications';
import {
  outboundQueueOf,
  OutboundWorker,
  PluginSender,
  startOutboundWorker,
} from '../outbound';
import {
  ensureDemoOutgoingServer,
  startDemoOutbox,
} from '../outbound/demoOutbox';
import { connectOutboundWake } from '../outbound/outboundWake';
import { ThreadTokens } from '../threading';
import { TicketReplyService } from '../ticketing/TicketReplyService';
import { TicketStatusService } from '../ticketing/TicketStatusService';
import { Configuration } from './configuration';
import { oauthFetch } from '../oauth/http';
import { createHealthAlerts } from './health';
import { OAuth } from './oauth';
import { PluginDeps } from './types';

/**
 * Mail we send: the durable queue and its worker (rules, primary fallback,
 * retries), technician replies, close and the notifications.
 */
export async function startOutbound(
  deps: PluginDeps,
  config: EmailsConfig,
  stores: Stores,
  configuration: Configuration,
  oauth?: OAuth,
) {
  const { servers, proxies, rules, preferences } = configuration;
  const tokens = new ThreadTokens(
    config.replies.threadKeys[0],
    config.replies.threadKeys.slice(1),
  );
  const queue = outboundQueueOf(stores.outbound);
  const composing = {
    stores,
    queue,
    tokens,
    messageIdDomain: config.replies.messageIdDomain,
  };
  const worker = new OutboundWorker({
    store: stores.outbound,
    servers: {
      list: () => stores.outgoingServers.list(),
      withSecrets: id => servers.outgoing.withSecrets(id),
    },
    routing: {
      rules: async () => (await rules.outgoing()).rules,
      mailboxes: () => stores.incomingServers.list(),
    },
    health: stores.health,
    alerts: createHealthAlerts(deps, config, stores, configuration),
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
    graphFetch: oauthFetch(config.trustedCertificates, 60_000),
    oauthToken: oauth
      ? async (id, renew) => {
          const t = await oauth.tokens.accessToken('outgoing', id, {
            forceRefresh: renew,
          });
          return { token: t.token, expiresAt: t.expiresAt };
        }
      : undefined,
    logger: deps.logger.child({ task: 'outbound' }),
  });
  if (config.demoOutbox)
    await startDemo(deps, config.demoOutbox, configuration);
  const waker = await startOutboundWorker({
    scheduler: deps.scheduler,
    logger: deps.logger,
    lifecycle: deps.lifecycle,
    worker,
  });
  // Queued and retried messages leave at once; the scheduled run stays the safety net.
  const wake = await connectOutboundWake({
    store: stores.outbound,
    waker,
    events: deps.events,
    logger: deps.logger.child({ task: 'outbound' }),
  });
  const prefs = () => preferences.get();
  const displayName = catalogDisplayName(deps.catalog, deps.auth);
  return {
    tokens,
    queue,
    acknowledgements: new Acknowledgements({
      ...composing,
      auditor: deps.auditor,
    }),
    replies: new TicketReplyService({
      ...composing,
      preferences: prefs,
      displayName,
    }),
    pluginSender: new PluginSender(composing),
    status: new TicketStatusService({
      stores,
      notifications: new ClosedNotifications(composing),
      preferences: prefs,
      displayName,
    }),
    /** Sends at once rather than at the worker's next run. */
    wake,
  };
}

/** The outbound side, as the routes use it. */
export type Outbound = Awaited<ReturnType<typeof startOutbound>>;

/** The local portal's sink and its outgoing server, so replies and notifications really go out. */
async function startDemo(
  deps: PluginDeps,
  demo: DemoOutboxConfig,
  configuration: Configuration,
) {
  try {
    const outbox = await startDemoOutbox(demo, deps.logger);
    deps.lifecycle.addShutdownHook(() => outbox.stop());
    await ensureDemoOutgoingServer({
      servers: configuration.servers.outgoing,
      config: demo,
      port: outbox.port,
      logger: deps.logger,
    });
  } catch (error) {
    // The portal runs without it; mail then waits in the Outgoing Queue.
    deps.logger.error(`Demo outbox could not start: ${error}`);
  }
}
