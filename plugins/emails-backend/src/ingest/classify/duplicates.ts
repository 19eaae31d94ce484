const HOUR_MS = 60 * 60 * 1000;

/** Where and when a message with the same Message-ID was received before. */
export interface PreviousReceipt {
  receivedAt: Date;
  /** The incoming server (mailbox) it came through. */
  serverId: string;
}

/**
 * True when the same Message-ID was received within the window before `now`,
 * through this mailbox or another one (the window's end is inclusive). A
 * previous receipt dated after `now` (clocks of two replicas) counts as
 * inside. A window of 0 or less turns duplicate detection off.
 */
export function isDuplicateWithin(
  previous: PreviousReceipt | undefined,
  now: Date,
  windowHours: number,
): boolean {
  if (!previous || !(windowHours > 0)) return false;
  const age = now.getTime() - previous.receivedAt.getTime();
  return age <= windowHours * HOUR_MS;
}

/** The reason recorded for a duplicate: when and through which mailbox it came first. */
export function duplicateReason(previous: PreviousReceipt, now: Date): string {
  const minutes = Math.max(
    0,
    Math.round((now.getTime() - previous.receivedAt.getTime()) / 60000),
  );
  return `Duplicate: the same Message-ID was received ${minutes} minutes ago through incoming server ${previous.serverId}`;
}

/**
 * The form of a Message-ID used to compare them: `<local@domain>` with the
 * surrounding space and comments gone and the domain lower-cased (mail
 * systems change its case; the local part is kept, it may be case-sensitive).
 * Undefined when there is no id.
 */
export function normalizeMessageId(
  id: string | undefined | null,
): string | undefined {
  const trimmed = (id ?? '').trim();
  const bracketed = /<([^<>]*)>/.exec(trimmed)?.[1];
  const inner = (bracketed ?? trimmed.split(/\s+/)[0]).trim();
  if (!inner) return undefined;
  const at = inner.lastIndexOf('@');
  if (at < 0) return `<${inner}>`;
  return `<${inner.slice(0, at)}@${inner.slice(at + 1).toLowerCase()}>`;
}

/** The lower-cased domain part of a Message-ID, if it has one. */
export function messageIdDomain(id: string | undefined): string | undefined {
  const normalized = normalizeMessageId(id);
  const at = normalized?.lastIndexOf('@') ?? -1;
  return at < 0 ? undefined : normalized!.slice(at + 1, -1);
}
