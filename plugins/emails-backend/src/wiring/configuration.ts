import { EMAILS_SERVERS_TOPIC } from '@internal/plugin-emails-common';
import { ConfigAuditRecorder } from '../audit/ConfigAuditRecorder';
import { EmailsConfig } from '../config';
import { Stores } from '../database';
import { RuleService, settingsChanges } from '../rules';
import { MailServerService } from '../servers/MailServerService';
import { PreferenceService } from '../servers/PreferenceService';
import { ProxyService } from '../servers/ProxyService';
import { ServerReferences } from '../servers/references';
import { PluginDeps } from './types';

/** The admin's settings: servers, proxies, Email Preference and rules, all audited. */
export function createConfiguration(
  deps: PluginDeps,
  config: EmailsConfig,
  stores: Stores,
  oauthRedirectUrl?: string,
) {
  const audit = new ConfigAuditRecorder(stores.configAudit, deps.auditor);
  // The Email Preference and the rule lists are kept by version; a save tells the other replicas.
  const changes = settingsChanges(deps.events);
  const onSaved = async (document: string) => {
    await changes
      .publish(document)
      .catch(error =>
        deps.logger.warn(`Settings change not announced: ${error}`),
      );
  };
  const rules = new RuleService({ stores, audit, onSaved });
  const serverDeps = {
    stores,
    secrets: config.secrets,
    oauthRedirectUrl,
    references: new ServerReferences(stores, deps.catalog, deps.auth),
    audit,
    // A server's change reaches the mailbox tasks and the catalog module.
    onChange: async (direction: 'incoming' | 'outgoing', serverId: string) =>
      deps.events.publish({
        topic: EMAILS_SERVERS_TOPIC,
        eventPayload: { direction, serverId },
      }),
    usedBy: async (direction: 'incoming' | 'outgoing', id: string) => {
      const names =
        direction === 'outgoing'
          ? await rules.rulesUsingServer(id)
          : await rules.rulesNamingMailbox(
              id,
              (
                await stores.incomingServers.get(id)
              ).email,
            );
      return names.map(name => `the outgoing email rule "${name}"`);
    },
  };
  return {
    audit,
    rules,
    servers: {
      incoming: new MailServerService('incoming', serverDeps),
      outgoing: new MailServerService('outgoing', serverDeps),
    },
    proxies: new ProxyService({ stores, secrets: config.secrets, audit }),
    preferences: new PreferenceService({ stores, audit, onSaved }),
    settingsChanges: changes,
  };
}

/** The configuration services, as the other wiring functions use them. */
export type Configuration = ReturnType<typeof createConfiguration>;
