import { MessageReferences } from './references';

/** A ticket as threading needs to see it. */
export interface ThreadTicket {
  id: string;
  status: 'open' | 'closed';
  requesterEmail: string;
  ccEmails: string[];
  technicianGroup?: string;
  assigneeRef?: string;
  /** ISO 8601; when the ticket was closed. */
  closedAt?: string;
}

/** Look-ups the pipeline provides; threading itself knows no store. */
export interface ThreadLookups {
  /** The ticket a stored Message-ID (inbound or outbound, normalised `<id>`) belongs to. */
  ticketByMessageId(messageId: string): Promise<string | undefined>;
  /** The ticket with this number, as written in a subject reference. */
  ticketByReference(number: string): Promise<ThreadTicket | undefined>;
  /** The ticket with this id. */
  ticket(id: string): Promise<ThreadTicket | undefined>;
  /** The catalog User when the address belongs to a member of the ticket's technician group. */
  isTechnician(
    email: string,
    ticket: ThreadTicket,
  ): Promise<{ userEntityRef: string } | undefined>;
}

/** How an inbound message pointed at a ticket, strongest first. */
export type ThreadVia =
  | 'token-header'
  | 'token-body'
  | 'message-id'
  | 'subject';

/** Who the sender is on the ticket; `token` is anyone else who replied to our signed mail. */
export type ThreadSender =
  | 'requester'
  | 'cc'
  | 'technician'
  | 'token'
  | 'stranger';

/** One reference considered, for the decision trace. */
export interface ThreadCandidate {
  via: ThreadVia;
  /** Unset when the reference names no ticket we know. */
  ticketId?: string;
  /** What pointed there: the token's ticket and entry, the Message-ID or the subject number. */
  evidence: string;
  accepted: boolean;
  reason: string;
}

/** What step 7 decided: the ticket a message continues, or why it starts a new one. */
export interface ThreadDecision {
  ticketId?: string;
  via?: ThreadVia;
  ticket?: ThreadTicket;
  candidates: ThreadCandidate[];
  /** True when the message may be added to `ticketId`. */
  authorised: boolean;
  sender: ThreadSender;
  /** The sender's catalog User when they are a technician of the ticket. */
  technicianRef?: string;
  /** One line for the trace. */
  reason: string;
}

// Each header id costs a look-up; the newest ids are the ones that matter.
const MAX_MESSAGE_ID_LOOKUPS = 20;

interface Pending {
  via: ThreadVia;
  evidence: string;
  find: () => Promise<ThreadTicket | undefined>;
  ticketId?: string;
}

interface Chosen {
  ticket: ThreadTicket;
  via: ThreadVia;
  role: Role;
}

const NO_TICKET = 'no such ticket';

interface Role {
  sender: ThreadSender;
  technicianRef?: string;
}

/**
 * Finds the ticket an inbound message continues. References are tried
 * strongest first (our signed token in the headers, in the body marker, a
 * stored Message-ID, the subject reference); the first that names a ticket
 * the sender may post to wins. Only a signed token lets someone not on the
 * ticket in: otherwise quoting a ticket number would inject into it.
 */
export async function resolveThread(
  input: { sender: string; references: MessageReferences },
  lookups: ThreadLookups,
): Promise<ThreadDecision> {
  const sender = input.sender.trim().toLocaleLowerCase('en-US');
  const candidates: ThreadCandidate[] = [];
  let chosen: Chosen | undefined;
  for await (const { pending, ticket } of found(input.references, lookups)) {
    const { via, evidence } = pending;
    const verdict = await judge(ticket, via, chosen, { sender, lookups });
    const { accepted, reason } = verdict;
    const ticketId = ticket?.id ?? pending.ticketId;
    candidates.push({ via, ticketId, evidence, accepted, reason });
    if (ticket && verdict.role) chosen = { ticket, via, role: verdict.role };
  }
  return decisionOf(sender, candidates, chosen);
}

/** Whether one candidate is taken; the first ticket the sender may post to wins. */
async function judge(
  ticket: ThreadTicket | undefined,
  via: ThreadVia,
  chosen: Chosen | undefined,
  context: { sender: string; lookups: ThreadLookups },
): Promise<{ accepted: boolean; reason: string; role?: Role }> {
  if (!ticket) return { accepted: false, reason: NO_TICKET };
  if (chosen) return { accepted: false, reason: outranked(chosen, ticket) };
  const role = await roleOf(context.sender, ticket, context.lookups);
  const refused = refusal(via, role);
  return refused
    ? { accepted: false, reason: refused }
    : { accepted: true, reason: acceptance(via, role), role };
}

/** The references in order of precedence, each with the ticket it names. */
async function* found(references: MessageReferences, lookups: ThreadLookups) {
  const seen = new Set<string>();
  for (const pending of pendingOf(references, lookups)) {
    const ticket = await pending.find();
    // A References chain names the same ticket many times; once per way is enough.
    const key = `${pending.via}\0${ticket?.id ?? pending.evidence}`;
    if (pending.via === 'message-id' && !ticket) continue;
    if (seen.has(key)) continue;
    seen.add(key);
    yield { pending, ticket };
  }
}

function pendingOf(
  references: MessageReferences,
  lookups: ThreadLookups,
): Pending[] {
  const byToken =
    (via: ThreadVia) => (t: { ticketId: string; entryId: string }) => ({
      via,
      evidence: `signed token for ticket ${t.ticketId} entry ${t.entryId}`,
      ticketId: t.ticketId,
      find: () => lookups.ticket(t.ticketId),
    });
  // In-Reply-To usually repeats the newest References id: look each up once.
  const newestFirst = [
    ...new Set([
      ...references.inReplyTo,
      ...[...references.references].reverse(),
    ]),
  ].slice(0, MAX_MESSAGE_ID_LOOKUPS);
  return [
    ...references.headerTokens.map(byToken('token-header')),
    ...references.bodyTokens.map(byToken('token-body')),
    ...newestFirst.map(id => ({
      via: 'message-id' as const,
      evidence: id.slice(0, 200),
      find: async () => {
        const ticketId = await lookups.ticketByMessageId(id);
        return ticketId ? lookups.ticket(ticketId) : undefined;
      },
    })),
    ...references.subjectNumbers.map(number => ({
      via: 'subject' as const,
      evidence: `ticket number ${number} in the subject`,
      find: () => lookups.ticketByReference(number),
    })),
  ];
}

async function roleOf(
  sender: string,
  ticket: ThreadTicket,
  lookups: ThreadLookups,
): Promise<Role> {
  // A message without a sender address is nobody's, whatever the ticket holds.
  if (!sender) return { sender: 'stranger' };
  const same = (email: string) =>
    email.trim().toLocaleLowerCase('en-US') === sender;
  if (same(ticket.requesterEmail)) return { sender: 'requester' };
  if (ticket.ccEmails.some(same)) return { sender: 'cc' };
  const technician = await lookups.isTechnician(sender, ticket);
  if (technician) {
    return { sender: 'technician', technicianRef: technician.userEntityRef };
  }
  return { sender: 'stranger' };
}

/** Why a sender may not post to the ticket this way, or undefined when they may. */
function refusal(via: ThreadVia, role: Role): string | undefined {
  if (role.sender !== 'stranger') return undefined;
  if (via === 'token-header' || via === 'token-body') return undefined;
  if (via === 'subject') {
    return "quoted another ticket's number without being on it";
  }
  return 'referenced an earlier message of the ticket without being on it';
}

function acceptance(via: ThreadVia, role: Role): string {
  if (role.sender === 'stranger') {
    return 'replied to our signed mail (not the requester, a CC participant nor a technician)';
  }
  const who = role.sender === 'cc' ? 'a CC participant' : `the ${role.sender}`;
  return `sender is ${who} (${via})`;
}

function outranked(chosen: Chosen, ticket: ThreadTicket): string {
  return chosen.ticket.id === ticket.id
    ? `same ticket, already chosen by ${chosen.via}`
    : `ticket ${chosen.ticket.id} was chosen by ${chosen.via}, which takes precedence`;
}

function decisionOf(
  sender: string,
  candidates: ThreadCandidate[],
  chosen?: Chosen,
): ThreadDecision {
  if (!chosen) {
    const refused = candidates.find(c => c.ticketId && c.reason !== NO_TICKET);
    return {
      candidates,
      authorised: false,
      sender: 'stranger',
      reason: refused
        ? `new ticket: ${sender || 'the sender'} ${refused.reason} (ticket ${
            refused.ticketId
          })`
        : 'new ticket: no reference to an existing ticket',
    };
  }
  const role = chosen.role.sender === 'stranger' ? 'token' : chosen.role.sender;
  return {
    ticketId: chosen.ticket.id,
    via: chosen.via,
    ticket: chosen.ticket,
    candidates,
    authorised: true,
    sender: role,
    technicianRef: chosen.role.technicianRef,
    reason: `continues ticket ${chosen.ticket.id} (${chosen.via}, sender: ${role})`,
  };
}
