import { EMAILS_SERVERS_TOPIC } from '@internal/plugin-emails-common';
import { EmailsConfig, SenderVerificationConfig } from '../config';
import { Stores } from '../database';
import { startMailboxTasks } from '../fetching';
import {
  catalogTechnicianLookup,
  catalogUserLookup,
} from '../ingest/catalogUsers';
import { cachedLookup } from '../ingest/briefCache';
import { IngestService } from '../ingest/IngestService';
import { SenderVerifier, systemDnsLookup } from '../ingest/classify';
import { ensureDemoMailbox, startSmtpPushListener } from '../mail/push';
import { Acknowledgements } from '../notifications';
import { ThreadTokens } from '../threading';
import { EMAIL_PREFERENCE_DOCUMENT } from '../servers/PreferenceService';
import { DatabaseTicketing } from '../ticketing/DatabaseTicketing';
import { Configuration } from './configuration';
import { createHealthAlerts } from './health';
import { OAuth } from './oauth';
import { Extensions, PluginDeps } from './types';

// A burst of mail from one person asks the catalog once; a catalog change shows within this.
const CATALOG_CACHE = { ttlMs: 10_000, maxEntries: 1_000 };

/** Mail we receive: the pipeline, the mailbox tasks (IMAP/POP3) and SMTP push. */
export async function startInbound(
  deps: PluginDeps,
  config: EmailsConfig,
  stores: Stores,
  configuration: Configuration,
  extensions: Extensions,
  outbound: { tokens: ThreadTokens; acknowledgements: Acknowledgements },
  oauth?: OAuth,
) {
  const { servers, preferences, rules } = configuration;
  const builtIn = new DatabaseTicketing(stores.tickets, stores.attachments);
  const ingest = new IngestService({
    stores,
    ticketing: () => extensions.ticketing() ?? builtIn,
    processors: extensions.processors,
    preferences: () => preferences.get(),
    findUser: cachedLookup(
      catalogUserLookup(deps.catalog, deps.auth),
      CATALOG_CACHE,
    ),
    logger: deps.logger.child({ task: 'ingest' }),
    tokens: outbound.tokens,
    acknowledgements: outbound.acknowledgements,
    isTechnician: technicianLookup(deps),
    // Kept by version: a message reads no settings unless they changed.
    incomingRules: async () => (await rules.incoming()).rules,
    classify: {
      messageIdDomain: config.replies.messageIdDomain,
      trustedAuthservIds: config.replies.trustedAuthservIds,
      dmarcFailure: config.replies.dmarcFailure,
      verifier: senderVerifier(config.replies.verification),
    },
  });
  await forgetOnChanges(deps, configuration, ingest);
  const mailboxes = await startMailboxTasks({
    scheduler: deps.scheduler,
    logger: deps.logger,
    events: deps.events,
    stores,
    servers: servers.incoming,
    ingest,
    config,
    alerts: createHealthAlerts(deps, config, stores, configuration),
    oauth: oauth && {
      token: async id => (await oauth.tokens.accessToken('incoming', id)).token,
      signInNeeded: async id =>
        (await stores.oauth.grant('incoming', id))?.status === 'expired',
    },
  });
  deps.lifecycle.addShutdownHook(() => mailboxes.stop());
  await startPush(deps, config, stores, ingest, configuration);
  return { ingest, mailboxes };
}

/** Technician lookups (email and group), kept briefly like the user lookups. */
function technicianLookup(deps: PluginDeps) {
  const lookup = catalogTechnicianLookup(deps.catalog, deps.auth);
  const cached = cachedLookup((key: string) => {
    const [email, group] = JSON.parse(key) as [string, string | undefined];
    return lookup(email, group);
  }, CATALOG_CACHE);
  return (email: string, group?: string) =>
    cached(JSON.stringify([email, group]));
}

/** Saves on other replicas drop the kept settings; server changes drop the kept servers. */
async function forgetOnChanges(
  deps: PluginDeps,
  configuration: Configuration,
  ingest: IngestService,
) {
  const { preferences, rules, settingsChanges } = configuration;
  await settingsChanges.subscribe(document => {
    if (document === EMAIL_PREFERENCE_DOCUMENT) preferences.forget();
    else rules.forget(document);
  });
  await deps.events.subscribe({
    id: 'emails-ingest-servers',
    topics: [EMAILS_SERVERS_TOPIC],
    onEvent: async () => ingest.forgetServers(),
  });
}

/** The SMTP push listener and the local portal's demo mailbox, when configured. */
async function startPush(
  deps: PluginDeps,
  config: EmailsConfig,
  stores: Stores,
  ingest: IngestService,
  configuration: Configuration,
) {
  if (!config.smtpPush.enabled) return;
  try {
    const push = await startSmtpPushListener({
      config: config.smtpPush,
      ingest,
      logger: deps.logger,
      stores,
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
        servers: configuration.servers.incoming,
        logger: deps.logger,
      });
    });
  }
}

/** Our own sender verification on the system's DNS; none when turned off. */
function senderVerifier(
  config: SenderVerificationConfig | undefined,
): SenderVerifier | undefined {
  if (!config) return undefined;
  return new SenderVerifier({
    ...config,
    lookup: systemDnsLookup({
      servers: config.dnsServers,
      timeoutMs: config.lookupTimeoutMs,
    }),
  });
}
