import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EmailPreferences,
  IncomingFilter,
  InboundStatus,
} from '@internal/plugin-emails-common';
import { EmailsProcessor, EmailsTicketing } from '@internal/plugin-emails-node';
import { ParsedMail } from 'mailparser';
import { InboundRecord, MailServerRecord, Stores } from '../database';
import { checkAttachments } from './steps/attachments';
import {
  droppedAttachmentsIn,
  noteDroppedAttachments,
} from '../attachments/droppedNote';
import { applyFilter } from './steps/filter';
import { addressesOf, MAX_HTML_BYTES, parseMessage } from './steps/parse';
import { senderOf } from './steps/sender';
import { singleLine } from './steps/singleLine';
import { StopProcessing, Trace } from './trace';
import { classifyMessage, ClassifyContext } from './steps/classify';
import { ReplyHandler, TechnicianLookup } from './replies';
import { NewTicketStep, UserLookup } from './NewTicketStep';
import { Acknowledgements } from '../notifications/Acknowledgements';
import { mailboxAddressesOf } from '../notifications/recipients';
import { ThreadTokens } from '../threading';
import {
  Disposition,
  Ingest,
  IngestOutcome,
  MessageSource,
  RecordResult,
} from './types';

const MB = 1024 * 1024;
// Statuses that end processing: a repeat returns them instead of redoing work.
const FINAL: InboundStatus[] = [
  'ticketed',
  'appended',
  'ignored',
  'rejected',
  'quarantined',
  'duplicate',
];

export type { UserLookup } from './NewTicketStep';

/**
 * The inbound pipeline (DESIGN.md): record, parse, classify, filter, rules,
 * thread, ticket. Classification, rules and threading have their slots
 * marked below and arrive with later issues.
 */
export class IngestService implements Ingest {
  private readonly replies: ReplyHandler;
  private readonly newTickets: NewTicketStep;

  constructor(
    private readonly deps: {
      stores: Stores;
      ticketing: () => EmailsTicketing;
      processors: EmailsProcessor[];
      preferences: () => Promise<EmailPreferences>;
      findUser: UserLookup;
      logger: LoggerService;
      /** Signs and verifies the thread tokens of our Message-IDs. */
      tokens: ThreadTokens;
      /** Finds the catalog User of a technician of a group. */
      isTechnician: TechnicianLookup;
      classify: Omit<ClassifyContext, 'ownAddresses' | 'serverKeywords'>;
      /** Acknowledges new tickets to their requesters; none in some tests. */
      acknowledgements?: Acknowledgements;
    },
  ) {
    this.replies = new ReplyHandler(deps);
    this.newTickets = new NewTicketStep(deps);
  }

  /** Step 2: commits the raw bytes under the idempotency key before anything else happens. */
  async record(source: MessageSource, raw: Buffer): Promise<RecordResult> {
    const { record, isNew } = await this.deps.stores.inboundMessages.record(
      source.serverId,
      source.sourceId,
      raw,
    );
    return { id: record.id, isNew, status: record.status };
  }

  /** Steps 3-8; safe to repeat: a finished message returns its outcome again. */
  async process(
    id: string,
    options: { replay?: boolean } = {},
  ): Promise<IngestOutcome> {
    const message = await this.deps.stores.inboundMessages.get(id);
    if (!options.replay && FINAL.includes(message.status)) {
      return outcomeOf(
        message.id,
        message.status,
        message.reason,
        message.ticketId,
      );
    }
    const trace = new Trace();
    trace.add('record', options.replay ? 'replayed' : 'recorded', {
      sourceId: message.sourceId,
      attempt: message.attempts + 1,
    });
    const state: { mail?: ParsedMail } = {};
    try {
      const result = await this.run(message, trace, state);
      await noteDroppedAttachments(this.deps.ticketing(), {
        messageId: message.id,
        ticketId: result.ticketId,
        dropped: droppedAttachmentsIn(trace.entries),
      });
      return await this.finish(message, trace, state.mail, result);
    } catch (error) {
      return this.fail(message, trace, state.mail, error);
    }
  }

  private async run(
    message: InboundRecord,
    trace: Trace,
    state: { mail?: ParsedMail },
  ): Promise<{ status: 'ticketed' | 'appended'; ticketId: string }> {
    const { stores } = this.deps;
    const prefs = await this.deps.preferences();
    const server = await stores.incomingServers.get(message.serverId);
    const raw = await stores.inboundMessages.raw(message.id);
    const mail = await parseMessage(raw, {
      maxMessageBytes: prefs.limits.maxMessageSizeMb * MB,
      maxHtmlBytes: MAX_HTML_BYTES,
    });
    state.mail = mail;
    trace.add('parse', 'parsed', {
      attachments: mail.attachments.length,
      html: !!mail.html,
      ...(mail.repairs ? { closedUnterminatedMultiparts: mail.repairs } : {}),
      ...(mail.mimeRepairs.length ? { repaired: mail.mimeRepairs } : {}),
    });
    if (!prefs.emailToTicket) {
      throw new StopProcessing(
        'ignored',
        'Email to Ticket is off (Email Preference)',
      );
    }
    const own = await this.ownAddresses();
    const classified = await classifyMessage(
      mail,
      {
        ...this.deps.classify,
        ownAddresses: own,
        serverKeywords:
          (server.settings.filter as IncomingFilter | undefined)?.keywords ??
          [],
      },
      trace,
      raw,
    );
    await this.checkDuplicate(message, mail, prefs, trace);
    this.filter(server, mail, trace);
    await this.runProcessors(message, mail, trace);
    // Step 6, incoming email rules: next issue.
    const thread = await this.replies.findThread(mail, prefs, trace);
    const attachmentIds = await this.saveAttachments(
      message,
      mail,
      prefs,
      trace,
    );
    if (
      classified.automatic.kind !== 'human' &&
      prefs.loopProtection.excludeAutoReplies
    ) {
      return this.replies.handleAutomatic(
        message,
        mail,
        raw,
        classified,
        thread,
        attachmentIds,
      );
    }
    let followsTicketId: string | undefined;
    if (thread.ticketId && thread.ticket && thread.authorised) {
      if (classified.mayThread) {
        const replied = await this.replies.handleReply(
          message,
          mail,
          { ...thread, ticketId: thread.ticketId, ticket: thread.ticket },
          prefs,
          classified,
          trace,
          attachmentIds,
        );
        if (replied.status !== 'new') return replied;
        followsTicketId = replied.followsTicketId;
      } else {
        trace.add('thread', 'not threaded: the sender failed authentication', {
          ticketId: thread.ticketId,
        });
      }
    }
    const ticketId = await this.newTickets.open(
      message,
      server,
      mail,
      prefs,
      trace,
      { own, attachmentIds, classified, followsTicketId },
    );
    return { status: 'ticketed', ticketId };
  }

  /** Step 4's duplicate check: the same Message-ID again within the window makes no second ticket. */
  private async checkDuplicate(
    message: InboundRecord,
    mail: ParsedMail,
    prefs: EmailPreferences,
    trace: Trace,
  ) {
    if (!mail.messageId) return;
    const hours = prefs.loopProtection.duplicateWindowHours;
    const earlier = await this.deps.stores.inboundMessages.sameMessageSince(
      mail.messageId,
      new Date(Date.now() - hours * 3600_000),
      message.id,
    );
    if (!earlier || new Date(earlier.receivedAt) > new Date(message.receivedAt))
      return;
    const reason = `Same Message-ID as message ${earlier.id} (server ${
      earlier.serverId
    }) within ${hours} h${
      earlier.ticketId ? `, ticket REQ-${earlier.ticketId}` : ''
    }`;
    trace.add('duplicate', 'duplicate', { of: earlier.id });
    throw new StopProcessing('duplicate', reason);
  }

  private async saveAttachments(
    message: InboundRecord,
    mail: ParsedMail,
    prefs: EmailPreferences,
    trace: Trace,
  ) {
    const files = await checkAttachments(mail.attachments, {
      maxAttachmentBytes: prefs.limits.maxAttachmentSizeMb * MB,
      maxInlineImageBytes: prefs.limits.maxInlineImageSizeMb * MB,
      blockedExtensions: prefs.limits.blockedExtensions,
    });
    for (const d of files.dropped) trace.add('attachments', 'dropped', d);
    return this.deps.stores.attachments.save(message.id, files.kept);
  }

  private filter(server: MailServerRecord, mail: ParsedMail, trace: Trace) {
    const from = senderOf(mail);
    const decision = applyFilter(
      server.settings.filter as IncomingFilter | undefined,
      {
        from: from?.address,
        subject: mail.subject,
        text: mail.text,
      },
    );
    trace.add('filter', decision.allowed ? 'allowed' : 'ignored', {
      reason: decision.reason,
    });
    if (!decision.allowed)
      throw new StopProcessing('ignored', `Filter: ${decision.reason}`);
  }

  private async runProcessors(
    message: InboundRecord,
    mail: ParsedMail,
    trace: Trace,
  ) {
    for (const processor of this.deps.processors) {
      const from = senderOf(mail);
      const decision = await processor.process({
        messageId: mail.messageId,
        subject: mail.subject ?? '',
        from: from?.address,
        headers: mail.headers as ReadonlyMap<string, any>,
        text: mail.text,
        serverId: message.serverId,
      });
      trace.add(
        processor.name,
        decision.ignore ? 'ignored' : decision.note ?? 'passed',
        decision.fields ? { fields: decision.fields } : undefined,
      );
      if (decision.ignore)
        throw new StopProcessing(
          'ignored',
          `${processor.name}: ${decision.ignore.reason}`,
        );
    }
  }

  /** Addresses of every incoming mailbox: never requesters' CC users. */
  private ownAddresses(): Promise<Set<string>> {
    return mailboxAddressesOf(this.deps.stores);
  }

  /** Writes the outcome; earlier runs' trace entries stay, so a replay shows its history. */
  private async finish(
    message: InboundRecord,
    trace: Trace,
    mail: ParsedMail | undefined,
    result: { status: InboundStatus; reason?: string; ticketId?: string },
  ): Promise<IngestOutcome> {
    const from = mail ? senderOf(mail) : undefined;
    await this.deps.stores.inboundMessages.update(message.id, {
      status: result.status,
      reason: result.reason,
      ticketId: result.ticketId,
      messageId: mail?.messageId,
      // One line, like the ticket's title: PostgreSQL refuses a NUL.
      subject:
        mail?.subject === undefined ? undefined : singleLine(mail.subject),
      from: from?.address,
      trace: [...message.trace, ...trace.entries],
      summary: mail ? summaryOf(mail) : undefined,
    });
    return outcomeOf(message.id, result.status, result.reason, result.ticketId);
  }

  private async fail(
    message: InboundRecord,
    trace: Trace,
    mail: ParsedMail | undefined,
    error: unknown,
  ) {
    if (error instanceof StopProcessing) {
      trace.add('result', error.status, { reason: error.reason });
      return this.finish(message, trace, mail, {
        status: error.status,
        reason: error.reason,
      });
    }
    // Unexpected: kept as failed with its reason; a replay or the next fetch tries again.
    const reason = `Processing failed: ${
      (error as Error)?.message ?? String(error)
    }`;
    this.deps.logger.warn(`Inbound message ${message.id} failed: ${reason}`);
    trace.add('result', 'failed', { reason });
    return this.finish(message, trace, mail, { status: 'failed', reason });
  }
}

function summaryOf(mail: ParsedMail) {
  return {
    to: addressesOf(mail.to).map(a => a.address),
    cc: addressesOf(mail.cc).map(a => a.address),
    attachments: mail.attachments.map(a => ({
      filename: a.filename ?? '(unnamed)',
      contentType: a.contentType,
      sizeBytes: a.size ?? a.content.length,
    })),
  };
}

function dispositionOf(status: InboundStatus): Disposition {
  if (status === 'ticketed' || status === 'appended') return 'success';
  if (status === 'failed' || status === 'quarantined') return 'fail';
  return 'exclusion';
}

function outcomeOf(
  id: string,
  status: InboundStatus,
  reason?: string,
  ticketId?: string,
): IngestOutcome {
  return { id, status, reason, ticketId, disposition: dispositionOf(status) };
}
