import { TicketMail } from '@internal/plugin-emails-common';

/** Kinds of mail about a request, as the Notifications list names them. */
export const MAIL_KIND_LABELS: Record<TicketMail['kind'], string> = {
  reply: 'Reply',
  acknowledgement: 'Acknowledgement',
  closed: 'Closed notification',
  other: 'Other mail',
};

/** Something to tell beside a message's status, and how loudly. */
export interface DeliveryProblem {
  severity: 'error' | 'warning' | 'info';
  text: string;
}

/** Who a message went to: "to rita@example.com (cc boss@example.com)". */
export function describeRecipients(mail: Pick<TicketMail, 'to' | 'cc'>) {
  const to = `to ${mail.to.join(', ') || '—'}`;
  return mail.cc.length ? `${to} (cc ${mail.cc.join(', ')})` : to;
}

/**
 * Why a message failed or waits for another attempt, or the server's remark
 * on a sent one (e.g. refused recipients); nothing for a first attempt still
 * queued or sending, which has nothing to tell yet.
 */
export function describeProblem(
  mail: Pick<TicketMail, 'status' | 'attempts' | 'lastError'>,
): DeliveryProblem | undefined {
  const { status, attempts, lastError } = mail;
  if (status === 'failed') {
    return {
      severity: 'error',
      text: `Failed: ${lastError || 'no reason given'}`,
    };
  }
  if (status === 'queued' && attempts > 0) {
    return {
      severity: 'warning',
      text: lastError ? `Waiting: ${lastError}` : 'Waiting to retry',
    };
  }
  if (status === 'sent' && lastError) {
    return { severity: 'info', text: `Remark: ${lastError}` };
  }
  return undefined;
}

/** A request's mail split into that of its conversation entries and the rest. */
export interface GroupedMail {
  /** The mail of each entry (a technician's reply), by entry id, oldest first. */
  byEntry: ReadonlyMap<string, TicketMail[]>;
  /** Acknowledgements, close notifications and any mail of no shown entry. */
  notifications: TicketMail[];
}

/**
 * Puts each message under the entry it belongs to; one whose entry is not in
 * the conversation goes to the notifications, so no message goes unseen.
 */
export function groupMail(
  mail: readonly TicketMail[],
  entryIds: Iterable<string>,
): GroupedMail {
  const ids = new Set(entryIds);
  const byEntry = new Map<string, TicketMail[]>();
  const notifications: TicketMail[] = [];
  for (const m of mail) {
    if (m.entryId && ids.has(m.entryId)) {
      byEntry.set(m.entryId, [...(byEntry.get(m.entryId) ?? []), m]);
    } else {
      notifications.push(m);
    }
  }
  return { byEntry, notifications };
}
