import { EmailPreferences } from '@internal/plugin-emails-common';
import {
  EmailsTicketing,
  NewTicketFromEmail,
} from '@internal/plugin-emails-node';
import { ParsedMail } from 'mailparser';
import { InboundRecord, MailServerRecord } from '../database';
import { AcknowledgedTicket } from '../notifications/Acknowledgements';
import { IncomingRuleActions } from '../rules';
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
  /** What the incoming email rules set on the new ticket. */
  ruleActions?: IncomingRuleActions;
}

/** A ticket the step opened, with what its acknowledgement needs. */
export interface NewTicketCreated {
  ticketId: string;
  ticket: AcknowledgedTicket;
  automatic: boolean;
  requesterIsCatalogUser: boolean;
}

type Person = { address: string; name?: string };

// Titles and names are one line: no NUL (PostgreSQL refuses it) nor other control characters.
const cleanPerson = (p: Person): Person => ({
  address: p.address,
  name: singleLineName(p.name),
});

/**
 * Step 8 for a message that continues no ticket: requester and CC users,
 * the incoming email rules' fields, the ticket through the ticketing. The
 * acknowledge step then acknowledges it.
 */
export class NewTicketStep {
  constructor(
    private readonly deps: {
      ticketing: () => EmailsTicketing;
      findUser: UserLookup;
      isTechnician: TechnicianLookup;
    },
  ) {}

  /** Opens the ticket; returns it with what its acknowledgement needs. */
  async open(
    message: InboundRecord,
    server: MailServerRecord,
    mail: ParsedMail,
    prefs: EmailPreferences,
    trace: Trace,
    context: NewTicketContext,
  ): Promise<NewTicketCreated> {
    const { attachmentIds, classified } = context;
    const people = await this.people(mail, server, prefs, trace, context);
    const title = singleLine(mail.subject ?? '') || '(no subject)';
    const routing = routingOf(server, context.ruleActions);
    const ticket = await this.deps.ticketing().createTicket({
      idempotencyKey: `inbound:${message.id}`,
      title,
      ...descriptionOf(mail),
      requester: { ...people.requester, userEntityRef: people.userEntityRef },
      ccUsers: people.cc,
      ...routing,
      mailboxRef: `resource:default/incoming-${server.id}`,
      serverId: server.id,
      messageId: message.id,
      followsTicketId: context.followsTicketId,
      senderVerified: classified.senderVerified,
      senderNote:
        [classified.senderNote, people.note].filter(Boolean).join('; ') ||
        undefined,
      attachmentIds,
    });
    trace.add('ticket', `created ${ticket.reference}`, {
      ticketId: ticket.id,
      attachments: attachmentIds.length,
    });
    return {
      ticketId: ticket.id,
      ticket: {
        id: ticket.id,
        title,
        requesterEmail: people.requester.address,
        serverId: server.id,
        technicianGroup: routing.technicianGroup,
        category: routing.category,
      },
      automatic: classified.automatic.kind !== 'human',
      requesterIsCatalogUser: !!people.userEntityRef,
    };
  }

  /** The requester (a catalog User or a guest, if guests may ask) and the CC users. */
  private async people(
    mail: ParsedMail,
    server: MailServerRecord,
    prefs: EmailPreferences,
    trace: Trace,
    context: NewTicketContext,
  ) {
    const participants = participantsOf(
      mail,
      prefs.ccRecipientTypes,
      context.own,
    );
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
        senderVerified: context.classified.senderVerified,
        isTechnician: this.deps.isTechnician,
      },
      trace,
    );
    const requester = cleanPerson(chosen.requester);
    const cc = withRuleCc(
      participants.cc.map(cleanPerson),
      context.ruleActions?.addCc ?? [],
      requester.address,
    );
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
    return { requester, cc, userEntityRef, note: chosen.note };
  }
}

type Routing = Pick<
  NewTicketFromEmail,
  | 'technicianGroup'
  | 'category'
  | 'company'
  | 'priority'
  | 'requestType'
  | 'assigneeRef'
  | 'fields'
>;

/** The server's group, category and company, with what the incoming email rules set over them. */
function routingOf(
  server: MailServerRecord,
  actions: IncomingRuleActions | undefined,
): Routing {
  const routing: Routing = {
    technicianGroup: actions?.technicianGroup ?? server.technicianGroup,
    category:
      actions?.category ?? (server.settings.category as string | undefined),
    company:
      actions?.company ?? (server.settings.company as string | undefined),
  };
  // Only what a rule set: a ticketing without these fields sees no new keys.
  if (actions?.priority) routing.priority = actions.priority;
  if (actions?.requestType) routing.requestType = actions.requestType;
  if (actions?.assignTo) routing.assigneeRef = actions.assignTo;
  if (actions && Object.keys(actions.fields).length > 0)
    routing.fields = { ...actions.fields };
  return routing;
}

/** The CC users with a rule's addresses added, each once, never the requester. */
function withRuleCc(cc: Person[], added: string[], requester: string) {
  const fold = (a: string) => a.toLocaleLowerCase('en-US');
  const known = new Set([requester, ...cc.map(c => c.address)].map(fold));
  const extra = added.filter(a => !known.has(fold(a)));
  return [...cc, ...extra.map(address => ({ address }))];
}
