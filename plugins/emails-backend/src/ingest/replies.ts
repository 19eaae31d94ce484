import { EmailPreferences } from '@internal/plugin-emails-common';
import { EmailsTicketing, EmailTicket } from '@internal/plugin-emails-node';
import { ParsedMail } from 'mailparser';
import { InboundRecord, Stores } from '../database';
import {
  closedTicketDecision,
  extractReferences,
  resolveThread,
  technicianReplyKind,
  ThreadDecision,
  ThreadTicket,
  ThreadTokens,
} from '../threading';
import { parseBounce } from './classify';
import { Classification } from './steps/classify';
import { addressesOf } from './steps/parse';
import { sanitizeMailHtml } from './steps/sanitize';
import { StopProcessing, Trace } from './trace';
import { splitQuotedHtml, splitQuotedText } from './history';

/** Finds the catalog User behind an address when they are in a technician group. */
export type TechnicianLookup = (
  email: string,
  technicianGroup?: string,
) => Promise<string | undefined>;

/** What processing a reply or an automatic message decided. */
export interface ReplyOutcome {
  status: 'appended' | 'ticketed';
  ticketId: string;
  /** Set when a new ticket is to be made that follows a closed one. */
  followsTicketId?: string;
}

function toThreadTicket(t: EmailTicket): ThreadTicket {
  return { ...t, closedAt: t.closedAt };
}

/**
 * Step 7 and the reply side of step 8: which ticket a message continues, and
 * adding it there as a reply or a note (automatic mail only ever as a note,
 * bounces marking the recipient undeliverable).
 */
export class ReplyHandler {
  constructor(
    private readonly deps: {
      stores: Stores;
      ticketing: () => EmailsTicketing;
      tokens: ThreadTokens;
      isTechnician: TechnicianLookup;
    },
  ) {}

  /** Step 7: every candidate and the choice go into the trace. */
  async findThread(
    mail: ParsedMail,
    prefs: EmailPreferences,
    trace: Trace,
  ): Promise<ThreadDecision> {
    const [from] = addressesOf(mail.from);
    const references = extractReferences(
      {
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        subject: mail.subject,
        text: mail.text,
        html: typeof mail.html === 'string' ? mail.html : undefined,
      },
      { tokens: this.deps.tokens, subjectFormat: prefs.subjectReferenceFormat },
    );
    const ticketing = this.deps.ticketing();
    const find = async (id: string) => {
      const t = await ticketing.findTicket(id);
      return t ? toThreadTicket(t) : undefined;
    };
    const decision = await resolveThread(
      { sender: from?.address ?? '', references },
      {
        ticketByMessageId: id =>
          this.deps.stores.inboundMessages.ticketForMessageId(id),
        ticketByReference: find,
        ticket: find,
        isTechnician: async (email, ticket) => {
          const ref = await this.deps.isTechnician(
            email,
            ticket.technicianGroup,
          );
          return ref ? { userEntityRef: ref } : undefined;
        },
      },
    );
    trace.add('thread', decision.reason, {
      ticketId: decision.ticketId ?? null,
      sender: decision.sender,
      candidates: decision.candidates,
    });
    return decision;
  }

  /** Automatic mail never opens or reopens a ticket: a note where it belongs, else ignored. */
  async handleAutomatic(
    message: InboundRecord,
    mail: ParsedMail,
    raw: Buffer,
    classification: Classification,
    thread: ThreadDecision,
    attachmentIds: string[],
  ): Promise<ReplyOutcome> {
    const kind = classification.automatic.kind;
    const reason =
      'reason' in classification.automatic
        ? classification.automatic.reason
        : kind;
    if (kind === 'bounce') return this.handleBounce(message, mail, raw, reason);
    if (thread.ticketId && thread.authorised) {
      await this.append(
        message,
        mail,
        thread.ticketId,
        'note',
        attachmentIds,
        classification,
        `Automatic reply (${reason})`,
      );
      return { status: 'appended', ticketId: thread.ticketId };
    }
    throw new StopProcessing(
      'ignored',
      `Automatic mail never opens a ticket (${reason})`,
    );
  }

  private async handleBounce(
    message: InboundRecord,
    mail: ParsedMail,
    raw: Buffer,
    reason: string,
  ): Promise<ReplyOutcome> {
    const report = parseBounce(mail, raw);
    // Only our own signed Message-IDs count: anyone can forge a bounce.
    const ids = [
      report?.originalMessageId,
      ...(report?.originalReferences ?? []),
    ].filter((x): x is string => !!x);
    const ticketId = ids
      .flatMap(id => this.deps.tokens.verify(id))
      .map(t => t.ticketId)[0];
    if (
      !report ||
      !ticketId ||
      !(await this.deps.ticketing().findTicket(ticketId))
    ) {
      throw new StopProcessing(
        'ignored',
        `Bounce of mail we did not send (${reason})`,
      );
    }
    for (const failed of report.failedRecipients) {
      await this.deps.stores.tickets.markUndeliverable(
        ticketId,
        failed.address,
        failed.diagnostic ?? failed.status,
      );
    }
    const who = report.failedRecipients
      .map(f => `${f.address}${f.status ? ` (${f.status})` : ''}`)
      .join(', ');
    await this.append(
      message,
      mail,
      ticketId,
      'note',
      [],
      undefined,
      `Delivery failed to ${who || 'a recipient'}`,
    );
    return { status: 'appended', ticketId };
  }

  /** A human reply to an authorised ticket, following the Email Preference for closed tickets. */
  async handleReply(
    message: InboundRecord,
    mail: ParsedMail,
    thread: ThreadDecision & { ticketId: string; ticket: ThreadTicket },
    prefs: EmailPreferences,
    classification: Classification,
    trace: Trace,
    attachmentIds: string[],
  ): Promise<ReplyOutcome | { status: 'new'; followsTicketId: string }> {
    const { ticket } = thread;
    if (ticket.status === 'closed') {
      const decision = closedTicketDecision(
        ticket,
        new Date(),
        prefs.closedRequestReply,
      );
      trace.add('thread', `closed ticket: ${decision}`, {
        ticketId: ticket.id,
      });
      if (decision === 'new-linked')
        return { status: 'new', followsTicketId: ticket.id };
      if (decision === 'reopen')
        await this.deps.ticketing().reopenTicket(ticket.id);
    }
    const kind =
      thread.sender === 'technician'
        ? technicianReplyKind(
            thread.technicianRef,
            ticket.assigneeRef,
            prefs.otherTechnicianReply,
          )
        : 'reply';
    await this.append(
      message,
      mail,
      ticket.id,
      kind,
      attachmentIds,
      classification,
    );
    trace.add('ticket', `added as ${kind} to REQ-${ticket.id}`, {
      ticketId: ticket.id,
    });
    return { status: 'appended', ticketId: ticket.id };
  }

  private async append(
    message: InboundRecord,
    mail: ParsedMail,
    ticketId: string,
    kind: 'reply' | 'note',
    attachmentIds: string[],
    classification?: Classification,
    prefix?: string,
  ) {
    const [from] = addressesOf(mail.from);
    // What is new becomes the entry; the quoted history is kept apart.
    const text = mail.text ? splitQuotedText(mail.text) : undefined;
    const html =
      typeof mail.html === 'string' ? splitQuotedHtml(mail.html) : undefined;
    await this.deps.ticketing().appendEntry({
      idempotencyKey: `inbound:${message.id}`,
      ticketId,
      author: { address: from?.address ?? 'unknown', name: from?.name },
      kind,
      bodyHtml: html ? sanitizeMailHtml(html.freshHtml) : undefined,
      bodyText: prefix
        ? `${prefix}\n\n${text?.fresh ?? ''}`.trim()
        : text?.fresh,
      quotedHtml: html?.quotedHtml
        ? sanitizeMailHtml(html.quotedHtml)
        : undefined,
      quotedText: text?.quoted,
      messageId: message.id,
      senderVerified: classification?.senderVerified,
      senderNote: classification?.senderNote,
      attachmentIds,
    });
  }
}
