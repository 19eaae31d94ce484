import { randomBytes } from 'node:crypto';
import type { EwsEvent, EwsItem, EwsMailbox } from './ewsMailbox';

/** One change SyncFolderItems reports. */
export interface SyncChange {
  type: 'Create' | 'Update' | 'Delete' | 'ReadFlagChange';
  itemId: string;
  changeKey: string;
  /** The item now (not for Delete). */
  item?: EwsItem;
}

interface Known {
  changeKey: string;
  isRead: boolean;
}

/** What a sync state stands for: a position in the mailbox's event log and what the client was told up to it. */
interface SyncPoint {
  mailbox: EwsMailbox;
  folderId: string;
  position: number;
  known: Map<string, Known>;
}

/** Folders and items an event touches: a move leaves one folder and enters another. */
function touches(event: EwsEvent): [string, string][] {
  const touched: [string, string][] = [[event.folderId, event.itemId]];
  if (event.oldFolderId && event.oldItemId)
    touched.push([event.oldFolderId, event.oldItemId]);
  return touched;
}

/**
 * Sync states of SyncFolderItems: opaque strings (base64, like Exchange's)
 * the stand-in maps to a position in the mailbox's event log. Changes since
 * that position are folded per item (a message created and moved away in
 * between is not reported), oldest first, at most MaxChangesReturned.
 */
export class SyncStates {
  private readonly points = new Map<string, SyncPoint>();

  /** Makes every sync state issued so far invalid (ErrorInvalidSyncStateData). */
  expire(): void {
    this.points.clear();
  }

  /** Changes of a folder since `syncState` ('' or undefined: everything in it); undefined when the state is not valid for this folder. */
  sync(
    mailbox: EwsMailbox,
    folderId: string,
    syncState: string | undefined,
    maxChanges: number,
    ignore: ReadonlySet<string> = new Set(),
  ):
    | { changes: SyncChange[]; syncState: string; includesLast: boolean }
    | undefined {
    let point: SyncPoint = { mailbox, folderId, position: 0, known: new Map() };
    if (syncState) {
      const found = this.points.get(syncState);
      if (!found || found.mailbox !== mailbox || found.folderId !== folderId)
        return undefined;
      point = found;
    }
    // The latest event of each item touched in this folder since the position.
    const latest = new Map<string, number>();
    for (const event of mailbox.events) {
      if (event.seq <= point.position) continue;
      for (const [folder, itemId] of touches(event)) {
        if (folder !== folderId) continue;
        latest.delete(itemId);
        latest.set(itemId, event.seq);
      }
    }
    const pending: { change: SyncChange; seq: number }[] = [];
    for (const [itemId, seq] of latest) {
      if (ignore.has(itemId)) continue;
      const change = this.changeOf(mailbox, folderId, itemId, point.known);
      if (change) pending.push({ change, seq });
    }
    const taken = pending.slice(0, Math.max(1, maxChanges));
    const includesLast = taken.length === pending.length;
    const known = new Map(point.known);
    for (const { change } of taken) {
      if (change.type === 'Delete') known.delete(change.itemId);
      else
        known.set(change.itemId, {
          changeKey: change.changeKey,
          isRead: change.item!.isRead,
        });
    }
    const token = randomBytes(36).toString('base64');
    this.points.set(token, {
      mailbox,
      folderId,
      position: includesLast ? mailbox.position : taken[taken.length - 1].seq,
      known,
    });
    return {
      changes: taken.map(t => t.change),
      syncState: token,
      includesLast,
    };
  }

  private changeOf(
    mailbox: EwsMailbox,
    folderId: string,
    itemId: string,
    known: Map<string, Known>,
  ): SyncChange | undefined {
    const item = mailbox.items.get(itemId);
    const present = item?.folderId === folderId ? item : undefined;
    const before = known.get(itemId);
    if (present && !before)
      return {
        type: 'Create',
        itemId,
        changeKey: present.changeKey,
        item: present,
      };
    if (!present && before)
      return { type: 'Delete', itemId, changeKey: before.changeKey };
    if (!present || !before || before.changeKey === present.changeKey)
      return undefined;
    return {
      type: before.isRead !== present.isRead ? 'ReadFlagChange' : 'Update',
      itemId,
      changeKey: present.changeKey,
      item: present,
    };
  }
}
