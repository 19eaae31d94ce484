import { LoggerService } from '@backstage/backend-plugin-api';
import { EmailRule } from '@internal/plugin-emails-common';
import { MailServerRecord, ServerHealthStore } from '../database';
import { OutboundStore } from '../database/OutboundStore';
import { HealthAlertSink } from '../health/HealthAlerts';
import type { OutboundTransportsOptions } from './OutboundTransports';

/** The outgoing servers, as MailServerService and the outgoing store give them. */
export interface OutgoingServerSource {
  list(): Promise<MailServerRecord[]>;
  withSecrets(id: string): Promise<{
    record: MailServerRecord;
    secrets: { password?: string; clientSecret?: string };
  }>;
}

/** What routing needs beyond the outgoing servers: the rules and the mailboxes' links. */
export interface RoutingSource {
  /** The outgoing email rules, in order. */
  rules(): Promise<EmailRule[]>;
  /** The incoming servers (mailboxes), for their linked outgoing server. */
  mailboxes(): Promise<MailServerRecord[]>;
}

/** Options of {@link OutboundWorker}; the defaults are those of the issue. */
export interface OutboundWorkerOptions extends OutboundTransportsOptions {
  store: OutboundStore;
  servers: OutgoingServerSource;
  /** Without it, messages go to their chosen server or the primary. */
  routing?: RoutingSource;
  /** Where sending outcomes become the outgoing servers' health. */
  health?: Pick<ServerHealthStore, 'observe'>;
  /** Told every send, unthrottled, to alert the admins after consecutive failures. */
  alerts?: HealthAlertSink;
  logger: LoggerService;
  workerId?: string;
  batchSize?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How long a failed preferred server is skipped before it is probed again. */
  serverRetryAfterMs?: number;
  /** Messages in sending for longer than this lost their worker. */
  staleAfterMs?: number;
  /** For the back-off jitter; tests pin it. */
  random?: () => number;
}

/** Counts of one run. */
export interface OutboundRunResult {
  sent: number;
  retrying: number;
  failed: number;
}
