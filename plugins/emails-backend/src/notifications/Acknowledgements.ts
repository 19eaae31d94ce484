import { AuditorService } from '@backstage/backend-plugin-api';
import {
  EmailPreferences,
  formatSubjectReference,
} from '@internal/plugin-emails-common';
import { ParsedMail } from 'mailparser';
import {
  AutoReplyLimiter,
  autoRepliesSuppressed,
  SenderCheck,
} from '../ingest/classify';
import { Trace } from '../ingest/trace';
import { buildReplyMessage } from '../ticketing/replyMessage';
import { TicketMailDeps, ticketSender } from '../ticketing/ticketMail';
import { acknowledgedSender } from './acknowledgedSenders';
import { renderNotification } from './render';

const PREFIX = 'ack:';

/** The new ticket as the pipeline knows it (the ticketing may be a host module's). */
export interface AcknowledgedTicket {
  id: string;
  title: string;
  requesterEmail: string;
  serverId: string;
  technicianGroup?: string;
  category?: string;
}
const HOUR = 3_600_000;

/**
 * The acknowledgement a requester gets when their mail opened a ticket.
 * It is automatic mail (Auto-Submitted: auto-replied, RFC 3834), never sent
 * to automatic mail, to our own addresses or to senders who asked for none,
 * by default only to verified senders and catalog users (no backscatter to
 * forged senders), and rate limited per recipient and per ticket, so a
 * misbehaving autoresponder cannot keep a loop going: each suppressed one
 * is audited.
 */
export class Acknowledgements {
  private readonly limiter = new AutoReplyLimiter();

  constructor(
    private readonly deps: TicketMailDeps & { auditor: AuditorService },
  ) {}

  /** The same acknowledgements queueing and auditing elsewhere: the rule simulator's dry run records them. */
  withEffects(
    effects: Pick<TicketMailDeps, 'queue'> & { auditor: AuditorService },
  ): Acknowledgements {
    return new Acknowledgements({ ...this.deps, ...effects });
  }

  /** Queues the acknowledgement of a new ticket, or says in the trace why not. */
  async acknowledge(input: {
    ticket: AcknowledgedTicket;
    inboundId: string;
    mail: ParsedMail;
    automatic: boolean;
    ownAddresses: Set<string>;
    /** Whether the From domain is authenticated (the classify step's check). */
    sender: SenderCheck;
    requesterIsCatalogUser: boolean;
    prefs: EmailPreferences;
    trace: Trace;
  }): Promise<void> {
    const { ticket, prefs, trace } = input;
    const skip = this.reasonToSkip(input);
    if (skip) {
      trace.add('acknowledge', 'not sent', { reason: skip });
      return;
    }
    const sender = acknowledgedSender({
      acknowledgeSenders: prefs.notifications.acknowledgeSenders,
      sender: input.sender,
      requesterIsCatalogUser: input.requesterIsCatalogUser,
    });
    if (!sender.allowed) {
      trace.add('acknowledge', 'suppressed', { reason: sender.reason });
      await this.auditSuppressed(ticket, sender.reason);
      return;
    }
    const now = new Date();
    const history = await this.deps.stores.outbound.automaticSince(
      PREFIX,
      new Date(now.getTime() - HOUR),
      { recipient: ticket.requesterEmail, ticketId: ticket.id },
    );
    const decision = this.limiter.decide(
      { recipient: ticket.requesterEmail, ticketId: ticket.id, now },
      history,
      {
        perRecipientPerHour:
          prefs.loopProtection.autoRepliesPerRecipientPerHour,
        perTicketPerHour: prefs.loopProtection.autoRepliesPerTicketPerHour,
      },
    );
    if (!decision.allowed) {
      trace.add('acknowledge', 'suppressed', { reason: decision.reason });
      await this.auditSuppressed(ticket, decision.reason);
      return;
    }
    if (await this.send(input)) {
      trace.add('acknowledge', 'queued', {
        to: ticket.requesterEmail,
        sender: sender.reason,
      });
    } else {
      trace.add('acknowledge', 'not sent', {
        reason: 'no mailbox or primary outgoing server to send from',
      });
    }
  }

  private reasonToSkip(input: {
    ticket: AcknowledgedTicket;
    mail: ParsedMail;
    automatic: boolean;
    ownAddresses: Set<string>;
    prefs: EmailPreferences;
  }) {
    if (!input.prefs.notifications.acknowledgeNewTickets)
      return 'acknowledgements are off (Email Preference)';
    if (input.automatic) return 'the mail was automatic';
    if (autoRepliesSuppressed(input.mail))
      return 'the sender asked for no automatic replies (X-Auto-Response-Suppress)';
    if (input.ownAddresses.has(input.ticket.requesterEmail))
      return 'the requester is one of our own addresses';
    return undefined;
  }

  private async send(input: {
    ticket: AcknowledgedTicket;
    inboundId: string;
    mail: ParsedMail;
    prefs: EmailPreferences;
  }): Promise<boolean> {
    const { ticket } = input;
    const { stores } = this.deps;
    const sender = await ticketSender(stores, ticket.serverId);
    if (!sender) return false;
    const from = sender.address;
    const reference = formatSubjectReference(
      input.prefs.subjectReferenceFormat,
      ticket.id,
    );
    const requesterName = input.mail.from?.value.find(
      a => a.address?.toLocaleLowerCase('en-US') === ticket.requesterEmail,
    )?.name;
    const rendered = renderNotification(
      input.prefs.notifications.templates.acknowledgement,
      {
        reference,
        title: ticket.title,
        requesterName: requesterName || ticket.requesterEmail,
        requesterEmail: ticket.requesterEmail,
        mailboxName: sender.name ?? '',
      },
    );
    const message = await buildReplyMessage(
      {
        ticketId: ticket.id,
        entryId: 'ack',
        title: ticket.title,
        subjectFormat: input.prefs.subjectReferenceFormat,
        subject: rendered.subject,
        from: sender,
        to: [ticket.requesterEmail],
        cc: [],
        text: rendered.text,
        html: rendered.html,
        earlierMessageIds: input.mail.messageId ? [input.mail.messageId] : [],
        attachments: [],
        messageIdDomain: this.deps.messageIdDomain,
        automatic: 'auto-replied',
      },
      this.deps.tokens,
    );
    await this.deps.queue.enqueue({
      idempotencyKey: `${PREFIX}${input.inboundId}`,
      ticketId: ticket.id,
      routing: {
        mailboxId: ticket.serverId,
        technicianGroup: ticket.technicianGroup,
        category: ticket.category,
        requesterEmail: ticket.requesterEmail,
        subject: ticket.title,
      },
      from,
      to: [ticket.requesterEmail],
      cc: [],
      subject: message.subject,
      messageId: message.messageId,
      raw: message.raw,
    });
    return true;
  }

  private async auditSuppressed(ticket: AcknowledgedTicket, reason: string) {
    const event = await this.deps.auditor.createEvent({
      eventId: 'auto-reply-suppressed',
      severityLevel: 'medium',
      meta: { ticketId: ticket.id, recipient: ticket.requesterEmail, reason },
    });
    await event.success();
  }
}
