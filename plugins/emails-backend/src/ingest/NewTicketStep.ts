import { EmailPreferences } from '@internal/plugin-emails-common';
import { EmailsTicketing } from '@internal/plugin-emails-node';
import { ParsedMail } from 'mailparser';
import { InboundRecord, MailServerRecord } from '../database';
import { Acknowledgements } from '../notifications/Acknowledgements';
import { TechnicianLookup } from './replies';
import { Classification } from './steps/classify';
import { participantsOf } from './steps/participants';
import { chooseRequester } from './steps/requester';
import { NO_SENDER_REASON } from './steps/sender';
import { descriptionOf } from './entries';
import { singleLine, singleLineName } from './steps/singleLine';
import { StopProcessing, Trace } from './trace';

/** Finds the catalog User whose profile has an email address. */
export type UserLookup = (email: string) => Promise<string | undefined>;

/** What the pipeline found out before a new ticket is made. */
export interface NewTicketContext {
  own: Set<string>;
  attachmentIds: string[];
  classified: Classification;
  followsTicketId?: string;
}

type Person = { address: string; name?: string };

// Titles and names are one line: no NUL (PostgreSQL refuses it) nor other control characters.
const cleanPerson = (p: Person): Person => ({
  address: p.address,
  name: singleLineName(p.name),
});

/**
 * Step 8 for a message that continues no ticket: requester and CC users,
 * the ticket through the ticketing, then step 9's acknowledgement.
 */
export class NewTicketStep {
  constructor(
    private readonly deps: {
      ticketing: () => EmailsTicketing;
      findUser: UserLookup;
      isTechnician: TechnicianLookup;
      /** Acknowledges new tickets to their requesters; none in some tests. */
      acknowledgements?: Acknowledgements;
    },
  ) {}

  /** Opens the ticket and acknowledges it; returns its id. */
  async open(
    message: InboundRecord,
    server: MailServerRecord,
    mail: ParsedMail,
    prefs: EmailPreferences,
    trace: Trace,
    context: NewTicketContext,
  ): Promise<string> {
    const { own, attachmentIds, classified, followsTicketId } = context;
    const participants = participantsOf(mail, prefs.ccRecipientTypes, own);
    if (!participants.requester)
      throw new StopProcessing('quarantined', NO_SENDER_REASON);
    if (participants.requester.header !== 'from')
      trace.add(
        'requester',
        `From has no address: the sender is taken from ${participants.requester.header}`,
        {
          header: participants.requester.header,
          sender: participants.requester.address,
        },
      );
    const chosen = await chooseRequester(
      mail,
      participants.requester,
      {
        prefs,
        technicianGroup: server.technicianGroup,
        senderVerified: classified.senderVerified,
        isTechnician: this.deps.isTechnician,
      },
      trace,
    );
    const requester = cleanPerson(chosen.requester);
    const cc = participants.cc.map(cleanPerson);
    const userEntityRef = await this.deps.findUser(requester.address);
    trace.add(
      'ticket',
      userEntityRef ? `requester is ${userEntityRef}` : 'requester is a guest',
      { requester: requester.address, cc: cc.map(c => c.address) },
    );
    if (!userEntityRef && !prefs.allowGuestRequests) {
      throw new StopProcessing(
        'rejected',
        `Guest requests are off (Email Preference) and ${requester.address} is not a catalog user`,
      );
    }
    const title = singleLine(mail.subject ?? '') || '(no subject)';
    const ticket = await this.deps.ticketing().createTicket({
      idempotencyKey: `inbound:${message.id}`,
      title,
      ...descriptionOf(mail),
      requester: { ...requester, userEntityRef },
      ccUsers: cc,
      technicianGroup: server.technicianGroup,
      category: server.settings.category as string | undefined,
      company: server.settings.company as string | undefined,
      mailboxRef: `resource:default/incoming-${server.id}`,
      serverId: server.id,
      messageId: message.id,
      followsTicketId,
      senderVerified: classified.senderVerified,
      senderNote:
        [classified.senderNote, chosen.note].filter(Boolean).join('; ') ||
        undefined,
      attachmentIds,
    });
    trace.add('ticket', `created ${ticket.reference}`, {
      ticketId: ticket.id,
      attachments: attachmentIds.length,
    });
    await this.acknowledge(message, mail, prefs, trace, {
      ticket: {
        id: ticket.id,
        title,
        requesterEmail: requester.address,
        serverId: server.id,
        technicianGroup: server.technicianGroup,
        category: server.settings.category as string | undefined,
      },
      automatic: classified.automatic.kind !== 'human',
      own,
      sender: classified.sender,
      requesterIsCatalogUser: !!userEntityRef,
    });
    return ticket.id;
  }

  /** Step 9's acknowledgement; its failure never fails the message (the ticket exists). */
  private async acknowledge(
    message: InboundRecord,
    mail: ParsedMail,
    prefs: EmailPreferences,
    trace: Trace,
    about: Omit<
      Parameters<Acknowledgements['acknowledge']>[0],
      'inboundId' | 'mail' | 'prefs' | 'trace' | 'ownAddresses'
    > & { own: Set<string> },
  ) {
    if (!this.deps.acknowledgements) return;
    const { own, ...rest } = about;
    try {
      await this.deps.acknowledgements.acknowledge({
        ...rest,
        ownAddresses: own,
        inboundId: message.id,
        mail,
        prefs,
        trace,
      });
    } catch (error) {
      trace.add('acknowledge', 'failed', { reason: String(error) });
    }
  }
}
