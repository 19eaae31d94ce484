import { EMAILS_SERVERS_TOPIC } from '@internal/plugin-emails-common';
import { EmailsConfig } from '../config';
import { Stores } from '../database';
import { OAuthAlerts } from '../oauth/OAuthAlerts';
import { OAuthSignIn } from '../oauth/OAuthSignIn';
import { OAuthTokens } from '../oauth/OAuthTokens';
import { oauthFetch } from '../oauth/http';
import { Configuration } from './configuration';
import { PluginDeps } from './types';

/** Task id of the daily client-secret expiry check. */
export const SECRET_EXPIRY_TASK_ID = 'emails:oauth:client-secrets';

/** The Redirect URL admins register at their provider: `<backend>/api/emails/oauth/callback`. */
export async function oauthRedirectUrl(deps: PluginDeps): Promise<string> {
  return `${await deps.discovery.getExternalBaseUrl('emails')}/oauth/callback`;
}

/**
 * OAuth 2.0 for mailboxes: the sign-in flow, the tokens every connection
 * asks for, and the alerts when a sign-in expires or a client secret will.
 */
export async function startOAuth(
  deps: PluginDeps,
  config: EmailsConfig,
  stores: Stores,
  configuration: Configuration,
  redirectUrl: string,
) {
  const fetch = oauthFetch(
    config.trustedCertificates,
    config.testConnectionTimeoutMs,
  );
  const logger = deps.logger.child({ task: 'oauth' });
  const alerts = new OAuthAlerts({
    notifier: deps.notifications,
    admins: config.admins,
    stores,
    audit: configuration.audit,
    logger,
  });
  const shared = {
    stores,
    secrets: config.secrets,
    servers: configuration.servers,
    fetch,
    audit: configuration.audit,
  };
  const tokens = new OAuthTokens({ ...shared, alerts, logger });
  const signIn = new OAuthSignIn({
    ...shared,
    redirectUrl,
    // The mailbox tasks pick the server up again, and the catalog refreshes.
    onSignedIn: async (direction, serverId) =>
      deps.events.publish({
        topic: EMAILS_SERVERS_TOPIC,
        eventPayload: { direction, serverId },
      }),
  });
  await deps.scheduler.scheduleTask({
    id: SECRET_EXPIRY_TASK_ID,
    scope: 'global',
    frequency: { hours: 24 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      try {
        await alerts.checkClientSecrets();
      } catch (error) {
        logger.warn(`Client-secret expiry check failed: ${error}`);
      }
    },
  });
  return { tokens, signIn, alerts, redirectUrl };
}

/** The OAuth services, as the other wiring functions use them. */
export type OAuth = Awaited<ReturnType<typeof startOAuth>>;
