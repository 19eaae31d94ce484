import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { EmailsTicketing } from './ticketing';
import { EmailsProcessor } from './processing';

/** The single ticketing slot of the emails backend. */
export interface EmailsTicketingExtensionPoint {
  /** Replaces the built-in database ticketing; may be called once. */
  setTicketing(ticketing: EmailsTicketing): void;
}

/** Lets a module set how tickets are created and found. */
export const emailsTicketingExtensionPoint =
  createExtensionPoint<EmailsTicketingExtensionPoint>({
    id: 'emails.ticketing',
  });

/** Collects extra inbound processing steps. */
export interface EmailsProcessingExtensionPoint {
  /** Adds steps that run, in order of addition, after the built-in filter. */
  addProcessor(...processors: EmailsProcessor[]): void;
}

/** Lets modules add inbound processing steps. */
export const emailsProcessingExtensionPoint =
  createExtensionPoint<EmailsProcessingExtensionPoint>({
    id: 'emails.processing',
  });
