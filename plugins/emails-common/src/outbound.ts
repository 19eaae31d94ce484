import { OutboundRoute } from './rules';

/** Where a message in the Outgoing queue is in its life. */
export type OutboundStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** A message in the Outgoing queue as the API shows it: envelope and state, never the bytes. */
export interface OutboundMessage {
  id: string;
  status: OutboundStatus;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  messageId: string;
  ticketId?: string;
  /** The server the technician or the sending plugin chose, if any. */
  preferredServerId?: string;
  /** The ticket facts the outgoing email rules look at. */
  routing: {
    mailboxId?: string;
    technicianGroup?: string;
    category?: string;
    requesterEmail?: string;
    subject?: string;
  };
  /** How the server of the last attempt was chosen, before any primary fallback. */
  route?: OutboundRoute;
  /** The server of the last attempt (the primary when the preferred one failed). */
  usedServerId?: string;
  attempts: number;
  nextAttemptAt: string;
  /** The last server answer or connection error; on a sent message, how it got through. */
  lastError?: string;
  claimedAt?: string;
  sentAt?: string;
  createdAt: string;
  updatedAt: string;
  sizeBytes: number;
}
