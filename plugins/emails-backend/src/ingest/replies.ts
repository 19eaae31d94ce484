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
import { senderOf } from './steps/sender';
import { appendMailEntry, EntryOptions } from './entries';
import { StopProcessing, Trace } from './trace';

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

/** A reply that opens a ticket of its own, following `followsTicketId` when set. */
export interface NewTicketInstead {
  status: 'new';
  followsTicketId?: string;
}

// What the trace says each choice of the Email Preference did.
const OUTSIDE: Record<EmailPreferences['outsideConversationReply'], string> = {
  note: 'kept as an internal note for a technician to publish or dismiss',
  reply: 'added as a reply',
  'new-ticket': 'opens a new ticket',
};

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
      /** The catalog User with this profile email, to credit a reply's author; none in some tests. */
      findUser?: (email: string) => Promise<string | undefined>;
      /** A write: a dry run records it instead. */
      markUndeliverable: (
        ticketId: string,
        address: string,
        diagnostic?: string,
      ) => Promise<void>;
    },
  ) {}

  /** Step 7: every candidate and the choice go into the trace. */
  async findThread(
    mail: ParsedMail,
    prefs: EmailPreferences,
    trace: Trace,
  ): Promise<ThreadDecision> {
    const from = senderOf(mail);
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
      await this.append(message, mail, thread.ticketId, {
        kind: 'note',
        attachmentIds,
        classification,
        prefix: `Automatic reply (${reason})`,
      });
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
      await this.deps.markUndeliverable(
        ticketId,
        failed.address,
        failed.diagnostic ?? failed.status,
      );
    }
    const who = report.failedRecipients
      .map(f => `${f.address}${f.status ? ` (${f.status})` : ''}`)
      .join(', ');
    await this.append(message, mail, ticketId, {
      kind: 'note',
      prefix: `Delivery failed to ${who || 'a recipient'}`,
    });
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
  ): Promise<ReplyOutcome | NewTicketInstead> {
    const { ticket } = thread;
    if (thread.sender === 'token') {
      const outside = await this.outsideReply(message, mail, ticket.id, {
        choice: prefs.outsideConversationReply,
        classification,
        trace,
        attachmentIds,
      });
      if (outside) return outside;
    }
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
    await this.append(message, mail, ticket.id, {
      kind,
      attachmentIds,
      classification,
    });
    trace.add('ticket', `added as ${kind} to REQ-${ticket.id}`, {
      ticketId: ticket.id,
    });
    return { status: 'appended', ticketId: ticket.id };
  }

  /**
   * Someone outside the conversation replied to our signed mail (a
   * forwarded acknowledgement reaches third parties): the Email Preference
   * decides. Undefined when it is to be added as any reply.
   */
  private async outsideReply(
    message: InboundRecord,
    mail: ParsedMail,
    ticketId: string,
    options: {
      choice: EmailPreferences['outsideConversationReply'];
      classification: Classification;
      trace: Trace;
      attachmentIds: string[];
    },
  ): Promise<ReplyOutcome | NewTicketInstead | undefined> {
    const { choice, trace } = options;
    trace.add('thread', `from outside the conversation: ${OUTSIDE[choice]}`, {
      ticketId,
      sender: senderOf(mail)?.address ?? null,
      preference: `outsideConversationReply: ${choice}`,
    });
    if (choice === 'reply') return undefined;
    if (choice === 'new-ticket') return { status: 'new' };
    await this.append(message, mail, ticketId, {
      kind: 'note',
      attachmentIds: options.attachmentIds,
      classification: options.classification,
      outsideConversation: true,
    });
    trace.add(
      'ticket',
      `added as a note from outside the conversation to REQ-${ticketId}`,
      {
        ticketId,
      },
    );
    return { status: 'appended', ticketId };
  }

  private async append(
    message: InboundRecord,
    mail: ParsedMail,
    ticketId: string,
    entry: EntryOptions,
  ) {
    // A catalog user's reply is theirs, not a guest's, whoever they are on the ticket.
    const sender = senderOf(mail)?.address;
    const authorRef =
      sender && this.deps.findUser
        ? await this.deps.findUser(sender)
        : undefined;
    return appendMailEntry(this.deps.ticketing(), message, mail, ticketId, {
      ...entry,
      authorRef,
    });
  }
}
