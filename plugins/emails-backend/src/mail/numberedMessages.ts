import { FolderSnapshot, ListFilter, MessageRef } from './MailFetcher';

/** Numbers for message keys and the change link per folder (MessageNumberStore). */
export interface MessageNumbers {
  /** A full listing: numbers for every key; keys no longer listed are forgotten. */
  assign(
    serverId: string,
    keys: readonly string[],
  ): Promise<Map<string, number>>;
  /** Changes: numbers for added keys, removed keys forgotten; answers every known key. */
  change(
    serverId: string,
    added: readonly string[],
    removed: readonly string[],
  ): Promise<Map<string, number>>;
  deltaLink(serverId: string, folder: string): Promise<string | undefined>;
  setDeltaLink(serverId: string, folder: string, link: string): Promise<void>;
}

/** What a listing of a folder's changes found, and where the next one starts. */
export interface FolderChanges {
  added: { id: string; receivedAt?: string }[];
  removed: string[];
  /** Graph's delta link, EWS's sync state. */
  next: string;
  /** True when the listing started from nothing (the whole folder). */
  full: boolean;
}

/**
 * The folder view of protocols whose messages have string ids and whose
 * servers list changes from a link (Graph delta, EWS SyncFolderItems): each
 * id gets a number that only grows, so the folder cursor and crash safety
 * work as for IMAP's UIDs. The link is kept before handling: a message
 * listed but not handled keeps its number and comes again.
 */
export class NumberedMessages {
  private byUid = new Map<number, string>();
  private readonly received = new Map<string, string>();

  constructor(
    private readonly options: {
      serverId: string;
      numbers: MessageNumbers;
      /** The constant validity of the protocol's ids. */
      validity: string;
      /** Prefix of the idempotency key (`graph`, `ews`). */
      sourcePrefix: string;
    },
  ) {}

  /** Numbers the listing's changes, keeps its link and answers the folder's snapshot. */
  async apply(folder: string, changes: FolderChanges): Promise<FolderSnapshot> {
    const { serverId, numbers, validity } = this.options;
    for (const item of changes.added) {
      if (item.receivedAt) this.received.set(item.id, item.receivedAt);
    }
    const ids = changes.added.map(i => i.id);
    const known = changes.full
      ? await numbers.assign(serverId, ids)
      : await numbers.change(serverId, ids, changes.removed);
    await numbers.setDeltaLink(serverId, folder, changes.next);
    this.byUid = new Map([...known.entries()].map(([id, uid]) => [uid, id]));
    let highest = 0;
    for (const uid of known.values()) highest = Math.max(highest, uid);
    return { folder, validity, nextUid: highest + 1, count: known.size };
  }

  /** The messages above the cursor (and received since, when asked), oldest number first. */
  list(folder: string, filter: ListFilter): MessageRef[] {
    const since = filter.receivedSince?.getTime();
    return [...this.byUid.entries()]
      .filter(([uid, id]) => {
        if (uid <= filter.afterUid) return false;
        const at = this.received.get(id);
        return since === undefined || !at || Date.parse(at) >= since;
      })
      .sort(([a], [b]) => a - b)
      .map(([uid, id]) => ({
        folder,
        validity: this.options.validity,
        uid,
        sourceId: `${this.options.sourcePrefix}:${id}`,
      }));
  }

  /** The server's id of a numbered message. */
  idOf(uid: number): string | undefined {
    return this.byUid.get(uid);
  }
}
