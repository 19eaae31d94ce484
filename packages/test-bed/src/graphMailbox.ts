import { randomUUID } from 'node:crypto';

/** A message of the Graph stand-in's in-memory mailbox. */
export interface GraphMessage {
  id: string;
  folderId: string;
  raw: Buffer;
  isRead: boolean;
  receivedDateTime: string;
}

interface Change {
  seq: number;
  folderId: string;
  id: string;
  removed: boolean;
}

/** The well-known Inbox of every mailbox of the stand-in. */
export const INBOX_ID = 'AAMkInbox';

/**
 * One mailbox of the Graph stand-in: folders, messages (immutable ids: a
 * move keeps the id) and a change log that delta tokens point into.
 */
export class GraphMailbox {
  readonly folders = new Map<string, string>([[INBOX_ID, 'Inbox']]);
  readonly messages = new Map<string, GraphMessage>();
  private readonly log: Change[] = [];
  private seq = 0;
  /** Delta tokens issued before this sequence number are expired (410). */
  expiredBefore = 0;

  /** Delivers a message into a folder (the Inbox by default). */
  deliver(raw: Buffer, folderId = INBOX_ID): GraphMessage {
    const message: GraphMessage = {
      id: `AAMk${randomUUID().replace(/-/g, '')}`,
      folderId,
      raw,
      isRead: false,
      receivedDateTime: new Date().toISOString(),
    };
    this.messages.set(message.id, message);
    this.record(folderId, message.id, false);
    return message;
  }

  /** Moves a message; its id stays (Prefer: IdType="ImmutableId"). */
  move(id: string, destinationId: string): GraphMessage | undefined {
    const message = this.messages.get(id);
    if (!message || !this.folders.has(destinationId)) return undefined;
    this.record(message.folderId, id, true);
    message.folderId = destinationId;
    this.record(destinationId, id, false);
    return message;
  }

  /** The folder with this display name, created when `create` is set. */
  folderNamed(name: string): string | undefined {
    for (const [id, displayName] of this.folders) {
      if (displayName.toLowerCase() === name.toLowerCase()) return id;
    }
    return undefined;
  }

  createFolder(displayName: string): string {
    const id = `AAMkFolder${this.folders.size}`;
    this.folders.set(id, displayName);
    return id;
  }

  /** The current sequence number: a delta token for "from now on". */
  get position(): number {
    return this.seq;
  }

  /** Changes of a folder after `since` (undefined: everything in it now), as delta items. */
  changesSince(folderId: string, since: number | undefined) {
    if (since === undefined) {
      return [...this.messages.values()]
        .filter(m => m.folderId === folderId)
        .map(m => ({ id: m.id, receivedDateTime: m.receivedDateTime }));
    }
    const latest = new Map<string, Change>();
    for (const change of this.log) {
      if (change.seq > since && change.folderId === folderId) {
        latest.set(change.id, change);
      }
    }
    return [...latest.values()].map(change =>
      change.removed
        ? { id: change.id, '@removed': { reason: 'deleted' } }
        : {
            id: change.id,
            receivedDateTime: this.messages.get(change.id)?.receivedDateTime,
          },
    );
  }

  private record(folderId: string, id: string, removed: boolean) {
    this.seq += 1;
    this.log.push({ seq: this.seq, folderId, id, removed });
  }
}
