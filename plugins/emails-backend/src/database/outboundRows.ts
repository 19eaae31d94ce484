import type {
  OutboundInput,
  OutboundMessage,
  OutboundOutcome,
} from './OutboundStore';
import { toIso } from './rows';

/** A row of outbound_messages as knex reads and writes it. */
export type Row = Record<string, any>;

/** Outcomes that write the same values, each group with its message ids. */
export function groupOutcomes(
  outcomes: OutboundOutcome[],
): [string[], OutboundOutcome][] {
  const groups = new Map<string, [string[], OutboundOutcome]>();
  for (const outcome of outcomes) {
    const { id, ...values } = outcome;
    const key = JSON.stringify(values);
    const group = groups.get(key);
    if (group) group[0].push(id);
    else groups.set(key, [[id], outcome]);
  }
  return [...groups.values()];
}

export function outcomeRow(outcome: OutboundOutcome, now: Date): Row {
  const row: Row = {
    status: outcome.status,
    used_server_id: outcome.usedServerId ?? null,
    claimed_by: null,
    updated_at: now,
  };
  if (outcome.route) row.route = JSON.stringify(outcome.route);
  if (outcome.status === 'sent') {
    return { ...row, sent_at: now, last_error: outcome.note ?? null };
  }
  if (outcome.status === 'queued') {
    row.next_attempt_at = outcome.nextAttemptAt;
  }
  return { ...row, last_error: outcome.error };
}

export function toRow(id: string, input: OutboundInput, now: Date): Row {
  return {
    id,
    status: 'queued',
    idempotency_key: input.idempotencyKey,
    preferred_server_id: input.preferredServerId ?? null,
    routing: input.routing ? JSON.stringify(input.routing) : null,
    from_address: input.from,
    to_addresses: JSON.stringify(input.to),
    cc_addresses: JSON.stringify(input.cc ?? []),
    bcc_addresses: JSON.stringify(input.bcc ?? []),
    subject: input.subject,
    message_id: input.messageId,
    raw: input.raw,
    ticket_id: input.ticketId ?? null,
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
    updated_at: now,
  };
}

const optionalIso = (value: unknown) =>
  value === null || value === undefined ? undefined : toIso(value as Date);

export function fromRow(row: Row): OutboundMessage {
  return {
    id: row.id,
    status: row.status,
    idempotencyKey: row.idempotency_key,
    preferredServerId: row.preferred_server_id ?? undefined,
    routing: row.routing ? JSON.parse(row.routing) : {},
    route: row.route ? JSON.parse(row.route) : undefined,
    usedServerId: row.used_server_id ?? undefined,
    from: row.from_address,
    to: JSON.parse(row.to_addresses),
    cc: JSON.parse(row.cc_addresses),
    bcc: JSON.parse(row.bcc_addresses),
    subject: row.subject,
    messageId: row.message_id,
    raw: Buffer.from(row.raw),
    ticketId:
      row.ticket_id === null || row.ticket_id === undefined
        ? undefined
        : String(row.ticket_id),
    attempts: Number(row.attempts),
    nextAttemptAt: toIso(row.next_attempt_at),
    lastError: row.last_error ?? undefined,
    claimedBy: row.claimed_by ?? undefined,
    claimedAt: optionalIso(row.claimed_at),
    sentAt: optionalIso(row.sent_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
