import { LoggerService } from '@backstage/backend-plugin-api';
import { MailDirection } from '@internal/plugin-emails-common';
import { ConfigAuditRecorder } from '../audit/ConfigAuditRecorder';
import { MailServerRecord, Stores } from '../database';
import { AdminNotifier, SYSTEM_ACTOR } from '../oauth/OAuthAlerts';
import { describeFailure } from './failureStage';
import { alertText, AlertText, recoveryText } from './texts';

/** Topic of every health alert, so users can group or mute them. */
export const HEALTH_ALERT_TOPIC = 'emails-health';
/** The page where admins see the server cards. */
const ADMIN_PAGE = '/emails';

/** `emails.health`, defaults applied. */
export interface HealthAlertSettings {
  /** Consecutive failed syncs or sends before the admins are told. */
  failureThreshold: number;
  /** Entity refs notified; the `emails.admins` groups by default. */
  alertRecipients: string[];
  /** A reminder while a server keeps failing, this long after the last notification; 0 for none. */
  reminderIntervalMs: number;
}

/** A failed sync (incoming) or send (outgoing), secrets already masked. */
export interface HealthFailure {
  message: string;
  /** The server refused the sign-in. */
  auth?: boolean;
  /** Health recorded the failure as an expired OAuth sign-in. */
  authExpired?: boolean;
}

/** Where syncs and sends report to the alerts; {@link HealthAlerts} implements it. */
export interface HealthAlertSink {
  failed(
    direction: MailDirection,
    server: MailServerRecord,
    failure: HealthFailure,
  ): Promise<void>;
  worked(direction: MailDirection, server: MailServerRecord): Promise<void>;
  paused(server: MailServerRecord, reason: string): Promise<void>;
}

/**
 * Tells the emails admins through Backstage notifications when a server
 * failed `failureThreshold` syncs or sends in a row, or was paused by its
 * error threshold, and once more when it works again. The store decides who
 * sends, so a restart keeps the state and two replicas send one message.
 * An expired OAuth sign-in is announced by OAuthAlerts; here it only opens
 * the alert, so the recovery is told the same way as any other.
 */
export class HealthAlerts implements HealthAlertSink {
  constructor(
    private readonly deps: {
      notifier?: AdminNotifier;
      settings: HealthAlertSettings;
      stores: Pick<Stores, 'alerts' | 'oauth' | 'transaction'>;
      audit: ConfigAuditRecorder;
      logger: LoggerService;
    },
  ) {}

  /** Counts a failed sync or send; alerts at the threshold, reminds after the interval. */
  async failed(
    direction: MailDirection,
    server: MailServerRecord,
    failure: HealthFailure,
  ): Promise<void> {
    await this.guard(async () => {
      const { stores, settings } = this.deps;
      const announced =
        !!failure.authExpired &&
        (await stores.oauth.grant(direction, server.id))?.status === 'expired';
      const { failures, decision } = await stores.alerts.countFailure(
        direction,
        server.id,
        {
          threshold: settings.failureThreshold,
          remindAfterMs: settings.reminderIntervalMs,
          announced,
        },
      );
      if (decision === 'none') return;
      const stage = describeFailure(direction, server, {
        message: failure.message,
        auth: failure.auth || failure.authExpired,
        oauth: failure.authExpired,
      });
      const text = alertText(direction, server, { failures, stage });
      if (decision === 'alert') {
        await this.audit('health-alert', direction, server, text.title);
        await this.notify(text, 'high');
      } else {
        await this.notify(
          { ...text, title: `Still failing: ${text.title}` },
          'normal',
        );
      }
    });
  }

  /** A sync or send that worked: closes an open alert with one recovery notification. */
  async worked(
    direction: MailDirection,
    server: MailServerRecord,
  ): Promise<void> {
    await this.guard(async () => {
      const closed = await this.deps.stores.alerts.worked(direction, server.id);
      if (!closed) return;
      const text = recoveryText(direction, server, closed);
      await this.audit('health-recovered', direction, server, text.title);
      await this.notify(text, 'normal');
    });
  }

  /** Fetching was paused by the error threshold: one notification until it works again. */
  async paused(server: MailServerRecord, reason: string): Promise<void> {
    await this.guard(async () => {
      if (!(await this.deps.stores.alerts.paused(server.id))) return;
      const text = alertText('incoming', server, { pausedReason: reason });
      await this.audit('health-alert', 'incoming', server, text.title);
      await this.notify(text, 'high');
    });
  }

  /** Alerts are advisory: their trouble must never fail a sync or a send. */
  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.deps.logger.warn(`Health alert failed: ${error}`);
    }
  }

  private async audit(
    action: 'health-alert' | 'health-recovered',
    direction: MailDirection,
    server: MailServerRecord,
    title: string,
  ): Promise<void> {
    const announce = await this.deps.stores.transaction(tx =>
      this.deps.audit.record(
        {
          action,
          target: `${direction}-server`,
          targetId: server.id,
          targetName: server.name,
          changes: [{ field: 'health', after: title }],
        },
        { actor: SYSTEM_ACTOR },
        tx,
      ),
    );
    await announce();
  }

  private async notify(text: AlertText, severity: 'high' | 'normal') {
    const { notifier, settings, logger } = this.deps;
    const recipients = settings.alertRecipients;
    if (!notifier || recipients.length === 0) {
      logger.warn(`${text.title} (no admins to notify)`);
      return;
    }
    try {
      await notifier.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          ...text,
          severity,
          link: ADMIN_PAGE,
          topic: HEALTH_ALERT_TOPIC,
        },
      });
    } catch (error) {
      // The card and the audit trail say it too; a notification outage must not stop the work.
      logger.warn(`Could not notify the emails admins: ${error}`);
    }
  }
}
