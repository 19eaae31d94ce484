const HOUR_MS = 60 * 60 * 1000;

/** An automatic reply we sent (from the audit trail). */
export interface AutoReplySent {
  at: Date;
  recipient: string;
  ticketId?: string;
}

/** How many automatic replies may go out per hour. */
export interface AutoReplyLimits {
  perRecipientPerHour: number;
  perTicketPerHour: number;
}

/** An automatic reply about to be sent. */
export interface AutoReplyRequest {
  recipient: string;
  ticketId?: string;
  now: Date;
}

/** The answer of {@link AutoReplyLimiter.decide}: a suppressed reply is an audit entry with this reason. */
export type AutoReplyDecision =
  | { allowed: true }
  | { allowed: false; reason: string };

/**
 * Rate limits for the automatic replies we send (acknowledgements,
 * notifications), so that a responder we do not recognise cannot pull us
 * into a mail loop. Pure: the history comes from the caller, so the same
 * decision is made on every backend replica.
 */
export class AutoReplyLimiter {
  /**
   * Allowed unless the recipient, or the ticket, already had its limit of
   * replies in the last hour (sliding window: sent after now - 1 h). The
   * recipient is checked first. A limit of 0 suppresses every reply.
   */
  decide(
    request: AutoReplyRequest,
    history: readonly AutoReplySent[],
    limits: AutoReplyLimits,
  ): AutoReplyDecision {
    const since = request.now.getTime() - HOUR_MS;
    // Replies dated after now (another replica's clock) count: the limit errs on the quiet side.
    const recent = history.filter(h => h.at.getTime() > since);
    const recipient = request.recipient.trim().toLowerCase();
    const toRecipient = recent.filter(
      h => h.recipient.trim().toLowerCase() === recipient,
    ).length;
    if (toRecipient >= atLeastZero(limits.perRecipientPerHour)) {
      return {
        allowed: false,
        reason: `Automatic reply suppressed: ${toRecipient} sent to ${recipient} in the last hour (limit ${limits.perRecipientPerHour} per recipient)`,
      };
    }
    if (request.ticketId === undefined) return { allowed: true };
    const onTicket = recent.filter(h => h.ticketId === request.ticketId).length;
    if (onTicket >= atLeastZero(limits.perTicketPerHour)) {
      return {
        allowed: false,
        reason: `Automatic reply suppressed: ${onTicket} sent on ticket ${request.ticketId} in the last hour (limit ${limits.perTicketPerHour} per ticket)`,
      };
    }
    return { allowed: true };
  }
}

// A missing or broken limit (NaN, negative) suppresses rather than floods.
function atLeastZero(limit: number): number {
  return limit > 0 ? limit : 0;
}
