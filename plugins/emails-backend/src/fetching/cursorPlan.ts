import { MailboxCursor, MailboxCursorStore } from '../database';
import { FolderSnapshot, ListFilter } from '../mail/MailFetcher';
import { MailboxSettings } from './mailboxSettings';

/**
 * How far before the last completed listing a re-sync looks, for clock skew
 * between the mail server (INTERNALDATE) and the backend.
 */
export const RESYNC_MARGIN_MS = 5 * 60_000;

/** Where a cycle starts listing, and why. */
export interface CursorPlan {
  cursor: MailboxCursor;
  filter: ListFilter;
  /** Import mode: progress shows on the server card. */
  importing: boolean;
  /** Set when the cursor was (re)started in this cycle. */
  started?: 'only-new-mail' | 'import' | 'uidvalidity-changed';
}

function filterOf(cursor: MailboxCursor): ListFilter {
  return cursor.mode === 'import'
    ? {
        afterUid: cursor.lastUid,
        receivedSince: cursor.importSince,
        unseenOnly: cursor.unseenOnly,
      }
    : { afterUid: cursor.lastUid };
}

/** First connection: only mail arriving from now on, or an import since a date. */
function firstCursor(
  settings: MailboxSettings,
  snapshot: FolderSnapshot,
  now: Date,
): MailboxCursor {
  const base = {
    serverId: settings.serverId,
    folder: snapshot.folder,
    validity: snapshot.validity,
    unseenOnly: false,
    syncedAt: now,
  };
  return settings.importSince
    ? { ...base, lastUid: 0, mode: 'import', importSince: settings.importSince }
    : { ...base, lastUid: Math.max(snapshot.nextUid - 1, 0), mode: 'live' };
}

/**
 * After a UIDVALIDITY change every UID (and so every source id) is new, so
 * the idempotency key cannot recognise handled mail. Handled mail was moved
 * out or flagged \Seen, so the re-sync imports only unseen messages received
 * since the last completed listing (minus a margin for clock skew): the mail
 * that arrived while nobody looked, and nothing twice.
 */
function resyncCursor(
  previous: MailboxCursor,
  snapshot: FolderSnapshot,
  now: Date,
): MailboxCursor {
  let since = (previous.syncedAt ?? now).getTime() - RESYNC_MARGIN_MS;
  if (previous.mode === 'import' && previous.importSince) {
    since = Math.min(since, previous.importSince.getTime());
  }
  return {
    ...previous,
    validity: snapshot.validity,
    lastUid: 0,
    mode: 'import',
    importSince: new Date(since),
    unseenOnly: true,
  };
}

/** Reads the folder's cursor, starting or re-starting it when needed. */
export async function planCursor(
  cursors: MailboxCursorStore,
  settings: MailboxSettings,
  snapshot: FolderSnapshot,
  now: Date = new Date(),
): Promise<CursorPlan> {
  const stored = await cursors.get(settings.serverId, snapshot.folder);
  let cursor = stored;
  let started: CursorPlan['started'];
  if (!stored) {
    cursor = firstCursor(settings, snapshot, now);
    started = cursor.mode === 'import' ? 'import' : 'only-new-mail';
  } else if (stored.validity !== snapshot.validity) {
    cursor = resyncCursor(stored, snapshot, now);
    started = 'uidvalidity-changed';
  }
  if (started) await cursors.put(cursor!);
  return {
    cursor: cursor!,
    filter: filterOf(cursor!),
    importing: cursor!.mode === 'import',
    started,
  };
}

/**
 * Ends an import once every listed message was handled: from here on every
 * UID above the listing's UIDNEXT is new mail; those below it that the
 * filter left out stay where they are.
 */
export async function finishImport(
  cursors: MailboxCursorStore,
  cursor: MailboxCursor,
  snapshot: FolderSnapshot,
): Promise<MailboxCursor> {
  const live: MailboxCursor = {
    ...cursor,
    mode: 'live',
    lastUid: Math.max(cursor.lastUid, snapshot.nextUid - 1),
    importSince: undefined,
    unseenOnly: false,
  };
  await cursors.put(live);
  return live;
}
