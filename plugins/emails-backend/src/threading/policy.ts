/** Email Preference: "On reply received from requester for closed request" (seed 002). */
export interface ClosedTicketPreference {
  /** Add the reply; reopen within the grace period (else a new ticket); always a new ticket. */
  action: 'add' | 'reopen' | 'new';
  /** Days after closing during which a reply reopens the ticket. */
  graceDays: number;
}

/** What to do with a reply to a ticket: add it, reopen and add, or open a new ticket linked to it. */
export type ClosedTicketDecision = 'add' | 'reopen' | 'new-linked';

/** Email Preference: "On reply email received from other than assigned technician on request". */
export type OtherTechnicianReply = 'collaboration' | 'reply';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Applies the closed-ticket Email Preference to a reply. Open tickets just
 * get the reply. The grace period includes its last instant: a reply exactly
 * `graceDays` after closing still reopens.
 */
export function closedTicketDecision(
  ticket: { status: 'open' | 'closed'; closedAt?: string },
  now: Date,
  preference: ClosedTicketPreference,
): ClosedTicketDecision {
  if (ticket.status !== 'closed' || preference.action === 'add') return 'add';
  if (preference.action === 'new') return 'new-linked';
  const closedAt = ticket.closedAt ? Date.parse(ticket.closedAt) : NaN;
  // A ticketing that does not say when it closed the ticket gets the benefit of the doubt:
  // losing the thread is worse than reopening an old ticket.
  if (Number.isNaN(closedAt)) return 'reopen';
  return now.getTime() - closedAt <= preference.graceDays * DAY_MS
    ? 'reopen'
    : 'new-linked';
}

/**
 * Whether a reply becomes a public reply or an internal note (collaboration).
 * The assignee's own mail and mail from anyone who is not a technician
 * (requester, CC participants) are replies; another technician's mail follows
 * the Email Preference. On an unassigned ticket every technician is "other".
 */
export function technicianReplyKind(
  senderRef: string | undefined,
  assigneeRef: string | undefined,
  preference: OtherTechnicianReply,
): 'note' | 'reply' {
  if (!senderRef) return 'reply';
  // Entity refs compare case-insensitively in the catalog.
  if (assigneeRef && sameRef(senderRef, assigneeRef)) return 'reply';
  return preference === 'collaboration' ? 'note' : 'reply';
}

function sameRef(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}
