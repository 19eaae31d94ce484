import { DroppedAttachment } from '../../attachments/droppedNote';
import {
  EmailPreferences,
  InboundStatus,
} from '@internal/plugin-emails-common';
import { EmailsTicketing } from '@internal/plugin-emails-node';
import { ParsedMail } from 'mailparser';
import {
  InboundRecord,
  InboundUpdate,
  MailServerRecord,
  NewAttachment,
} from '../../database';
import { Acknowledgements } from '../../notifications/Acknowledgements';
import { IncomingRulesOutcome } from '../../rules';
import { ThreadDecision } from '../../threading';
import { Classification } from '../steps/classify';
import { Trace } from '../trace';
import { NewTicketCreated } from '../NewTicketStep';

/**
 * Everything that changes the world outside the message's own context:
 * a real run writes, a dry run (the rule simulator) records instead.
 */
export interface IngestEffects {
  /** Reads pass through in a dry run; creating, appending and reopening are recorded. */
  ticketing: EmailsTicketing;
  saveAttachments(messageId: string, files: NewAttachment[]): Promise<string[]>;
  markUndeliverable(
    ticketId: string,
    address: string,
    diagnostic?: string,
  ): Promise<void>;
  /** Queues acknowledgements and audits suppressed ones; none in some tests. */
  acknowledgements?: Acknowledgements;
  /** Writes the outcome to the processing log. */
  finish(messageId: string, update: InboundUpdate): Promise<void>;
}

/** How a message ended up on a ticket. */
export interface TicketResult {
  status: 'ticketed' | 'appended';
  ticketId: string;
}

/** What the steps know about one message, filled in as they run. */
export interface MessageContext {
  /** The processing-log record; a stand-in when simulating a message that was never recorded. */
  message: InboundRecord;
  raw: Buffer;
  prefs: EmailPreferences;
  server: MailServerRecord;
  trace: Trace;
  effects: IngestEffects;
  /** True in the rule simulator: nothing is written, sent or changed. */
  dryRun: boolean;
  mail?: ParsedMail;
  /** Every mailbox address and alias: never requesters' CC users. */
  own?: Set<string>;
  classified?: Classification;
  /** The incoming email rules' verdicts and merged actions. */
  rules?: IncomingRulesOutcome;
  thread?: ThreadDecision;
  attachmentIds: string[];
  /** The attachments the attachments step dropped, with seed 003's reasons. */
  droppedAttachments?: DroppedAttachment[];
  /** The new ticket the ticket step opened, for the acknowledgement. */
  created?: NewTicketCreated;
  result?: TicketResult;
}

/** The final status of a run, as the processing log keeps it. */
export interface RunResult {
  status: InboundStatus;
  reason?: string;
  ticketId?: string;
}

/** One step of the inbound pipeline (docs/pipeline.md). */
export interface IngestStep {
  /** The step's name, as its trace entries name it. */
  name: string;
  /** Decides, writes its decisions to `ctx.trace`, or throws StopProcessing. */
  run(ctx: MessageContext): Promise<void>;
}

/** The mail of a context whose parse step ran. */
export function mailOf(ctx: MessageContext): ParsedMail {
  if (!ctx.mail) throw new Error('The parse step has not run');
  return ctx.mail;
}

/** The classification of a context whose classify step ran. */
export function classifiedOf(ctx: MessageContext): Classification {
  if (!ctx.classified) throw new Error('The classify step has not run');
  return ctx.classified;
}
