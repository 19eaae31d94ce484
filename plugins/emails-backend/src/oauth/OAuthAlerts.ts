import { LoggerService } from '@backstage/backend-plugin-api';
import { MailDirection } from '@internal/plugin-emails-common';
import { ConfigAuditRecorder } from '../audit/ConfigAuditRecorder';
import { MailServerRecord, Stores } from '../database';
import { secretExpiresSoon, usesOAuth } from './clientSettings';
import { TokenError } from './failures';

/** What the alerts send; `NotificationService` from notifications-node fits. */
export interface AdminNotifier {
  send(options: {
    recipients: { type: 'entity'; entityRef: string[] };
    payload: {
      title: string;
      description?: string;
      link?: string;
      severity?: 'critical' | 'high' | 'normal' | 'low';
      topic?: string;
    };
  }): Promise<void>;
}

/** The audit trail's name for the backend acting on its own. */
export const SYSTEM_ACTOR = 'emails-backend';

/** The page where admins sign in again. */
const ADMIN_PAGE = '/emails';
/** Topic of every OAuth alert, so users can group or mute them. */
export const OAUTH_ALERT_TOPIC = 'emails-oauth';

/**
 * Tells the emails administrators (Backstage notifications to the groups in
 * `emails.admins`) that a mail server needs a new sign-in or a new client
 * secret. Each alert is sent once: callers decide that through the store.
 */
export class OAuthAlerts {
  constructor(
    private readonly deps: {
      notifier?: AdminNotifier;
      admins: string[];
      stores: Stores;
      audit: ConfigAuditRecorder;
      logger: LoggerService;
    },
  ) {}

  /** One notification: the server's OAuth sign-in expired and fetching or sending through it stopped. */
  async signInExpired(
    direction: MailDirection,
    record: MailServerRecord,
    failure: TokenError,
  ): Promise<void> {
    const stopped =
      direction === 'incoming'
        ? 'Fetching mail from it has stopped'
        : 'Mail goes out through the primary outgoing server instead';
    await this.notify({
      title: `Sign in again to the ${direction} email server "${record.name}"`,
      description: `${failure.message}. ${stopped} until an administrator signs in again. ${failure.hint}`,
      severity: 'high',
    });
  }

  /**
   * Warns once per expiry date about client secrets that expire within 14
   * days (or already did); run daily by the scheduler.
   */
  async checkClientSecrets(now = new Date()): Promise<number> {
    const { stores } = this.deps;
    let warned = 0;
    for (const direction of ['incoming', 'outgoing'] as const) {
      const store =
        direction === 'incoming'
          ? stores.incomingServers
          : stores.outgoingServers;
      for (const record of await store.list()) {
        const date = (record.settings as Record<string, any>).oauth
          ?.clientSecretExpiresAt as string | undefined;
        if (!date || !usesOAuth(record) || !secretExpiresSoon(record, now)) {
          continue;
        }
        if (
          !(await stores.oauth.warnSecretExpiry(direction, record.id, date))
        ) {
          continue;
        }
        warned += 1;
        await this.secretExpiring(direction, record, date);
      }
    }
    return warned;
  }

  private async secretExpiring(
    direction: MailDirection,
    record: MailServerRecord,
    date: string,
  ): Promise<void> {
    const announce = await this.deps.stores.transaction(tx =>
      this.deps.audit.record(
        {
          action: 'secret-expiring',
          target: `${direction}-server`,
          targetId: record.id,
          targetName: record.name,
          changes: [{ field: 'oauth.clientSecretExpiresAt', after: date }],
        },
        { actor: SYSTEM_ACTOR },
        tx,
      ),
    );
    await announce();
    await this.notify({
      title: `The client secret of the ${direction} email server "${record.name}" expires on ${date}`,
      description:
        'Create a new client secret in the app registration before then, paste it into Client Secret and set its new expiry date; otherwise the mailbox stops working on that day.',
      severity: 'normal',
    });
  }

  private async notify(payload: {
    title: string;
    description: string;
    severity: 'high' | 'normal';
  }): Promise<void> {
    const { notifier, admins, logger } = this.deps;
    if (!notifier || admins.length === 0) {
      logger.warn(`${payload.title} (no admins to notify)`);
      return;
    }
    try {
      await notifier.send({
        recipients: { type: 'entity', entityRef: admins },
        payload: { ...payload, link: ADMIN_PAGE, topic: OAUTH_ALERT_TOPIC },
      });
    } catch (error) {
      // The card and the audit trail say it too; a notification outage must not stop the work.
      logger.warn(`Could not notify the emails admins: ${error}`);
    }
  }
}
