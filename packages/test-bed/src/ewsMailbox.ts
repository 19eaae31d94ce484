import { randomBytes } from 'node:crypto';

/** A folder of the EWS stand-in's in-memory mailbox. */
export interface EwsFolder {
  id: string;
  changeKey: string;
  displayName: string;
  /** Undefined for the root. */
  parentId?: string;
  /** The DistinguishedFolderId (`inbox`, `sentitems`, ...) of a well-known folder. */
  distinguished?: string;
}

/** A message of the EWS stand-in's in-memory mailbox. */
export interface EwsItem {
  /** Changes when the item moves to another folder, as on Exchange. */
  id: string;
  /** Changes with every change of the item. */
  changeKey: string;
  folderId: string;
  /** The MIME message, byte for byte. */
  raw: Buffer;
  isRead: boolean;
  received: Date;
}

/** A message of a folder, as {@link EwsMailbox.messages} lists it. */
export interface EwsMessageView {
  id: string;
  raw: Buffer;
  isRead: boolean;
  receivedAt: Date;
}

/** What happened in a mailbox; sync states and pull subscriptions read these. */
export interface EwsEvent {
  seq: number;
  kind: 'created' | 'newmail' | 'modified' | 'moved' | 'deleted';
  at: Date;
  itemId: string;
  folderId: string;
  /** For moves: the id and folder before. */
  oldItemId?: string;
  oldFolderId?: string;
}

// Well-known folders: DistinguishedFolderId, display name, parent.
const WELL_KNOWN: [string, string, string | undefined][] = [
  ['root', 'Root', undefined],
  ['msgfolderroot', 'Top of Information Store', 'root'],
  ['inbox', 'Inbox', 'msgfolderroot'],
  ['drafts', 'Drafts', 'msgfolderroot'],
  ['sentitems', 'Sent Items', 'msgfolderroot'],
  ['deleteditems', 'Deleted Items', 'msgfolderroot'],
  ['junkemail', 'Junk Email', 'msgfolderroot'],
  ['outbox', 'Outbox', 'msgfolderroot'],
];

const ID_BYTES = 24;

/** A new opaque id, base64 like Exchange's: `F` for folders, `I` for items. */
export function newEwsId(kind: 'F' | 'I'): string {
  return Buffer.concat([
    Buffer.from(`EWS${kind}`),
    randomBytes(ID_BYTES),
  ]).toString('base64');
}

/** The kind of an id this stand-in made, or undefined when it is malformed. */
export function ewsIdKind(id: string): 'F' | 'I' | undefined {
  if (!/^[A-Za-z0-9+/]+=*$/.test(id)) return undefined;
  const bytes = Buffer.from(id, 'base64');
  if (bytes.length !== ID_BYTES + 4) return undefined;
  const prefix = bytes.subarray(0, 4).toString('latin1');
  if (prefix === 'EWSF') return 'F';
  if (prefix === 'EWSI') return 'I';
  return undefined;
}

const newChangeKey = () => `CQAAABYAAA${randomBytes(12).toString('base64')}`;

/**
 * One mailbox of the EWS stand-in (a local stand-in for Exchange, not
 * Microsoft's server): well-known folders, folders created by name, messages
 * whose ItemId changes when they move, and the event log that sync states
 * and pull subscriptions point into.
 */
export class EwsMailbox {
  readonly folders = new Map<string, EwsFolder>();
  readonly items = new Map<string, EwsItem>();
  /** Every change so far, oldest first. */
  readonly events: EwsEvent[] = [];
  private seq = 0;

  constructor(readonly address: string) {
    const ids = new Map<string, string>();
    for (const [distinguished, displayName, parent] of WELL_KNOWN) {
      const folder: EwsFolder = {
        id: newEwsId('F'),
        changeKey: newChangeKey(),
        displayName,
        parentId: parent ? ids.get(parent) : undefined,
        distinguished,
      };
      ids.set(distinguished, folder.id);
      this.folders.set(folder.id, folder);
    }
  }

  /** Delivers a message into a folder named `folderName` (the Inbox by default), as transport does. */
  deliver(raw: Buffer, folderName = 'Inbox'): EwsMessageView {
    const folder = this.folderNamed(folderName);
    if (!folder)
      throw new Error(
        `EWS stand-in: ${this.address} has no folder "${folderName}"`,
      );
    return view(this.addItem(folder.id, raw, { isRead: false, newMail: true }));
  }

  /** The messages of the folder named `folderName`, oldest first. */
  messages(folderName = 'Inbox'): EwsMessageView[] {
    const folder = this.folderNamed(folderName);
    if (!folder) return [];
    return [...this.items.values()]
      .filter(item => item.folderId === folder.id)
      .map(view);
  }

  /** The folder with this display name (case-insensitive), well-known or created. */
  folderNamed(name: string): EwsFolder | undefined {
    const wanted = name.toLowerCase();
    for (const folder of this.folders.values()) {
      if (folder.displayName.toLowerCase() === wanted) return folder;
    }
    return undefined;
  }

  /** A well-known folder by its DistinguishedFolderId. */
  distinguished(id: string): EwsFolder | undefined {
    for (const folder of this.folders.values()) {
      if (folder.distinguished === id) return folder;
    }
    return undefined;
  }

  childFolders(parentId: string): EwsFolder[] {
    return [...this.folders.values()].filter(f => f.parentId === parentId);
  }

  createFolder(displayName: string, parentId: string): EwsFolder {
    const folder: EwsFolder = {
      id: newEwsId('F'),
      changeKey: newChangeKey(),
      displayName,
      parentId,
    };
    this.folders.set(folder.id, folder);
    return folder;
  }

  /** Total and unread messages of a folder. */
  counts(folderId: string): { total: number; unread: number } {
    let total = 0;
    let unread = 0;
    for (const item of this.items.values()) {
      if (item.folderId !== folderId) continue;
      total += 1;
      if (!item.isRead) unread += 1;
    }
    return { total, unread };
  }

  /** Stores a message in a folder: a delivery (NewMail) or a saved copy. */
  addItem(
    folderId: string,
    raw: Buffer,
    options: { isRead: boolean; newMail: boolean },
  ): EwsItem {
    const item: EwsItem = {
      id: newEwsId('I'),
      changeKey: newChangeKey(),
      folderId,
      raw,
      isRead: options.isRead,
      received: new Date(),
    };
    this.items.set(item.id, item);
    this.record({ kind: 'created', itemId: item.id, folderId });
    if (options.newMail)
      this.record({ kind: 'newmail', itemId: item.id, folderId });
    return item;
  }

  /** Moves a message: it gets a new ItemId, as on Exchange. */
  move(itemId: string, destinationId: string): EwsItem | undefined {
    const item = this.items.get(itemId);
    if (!item || !this.folders.has(destinationId)) return undefined;
    this.items.delete(itemId);
    const moved: EwsItem = {
      ...item,
      id: newEwsId('I'),
      changeKey: newChangeKey(),
      folderId: destinationId,
    };
    this.items.set(moved.id, moved);
    this.record({
      kind: 'moved',
      itemId: moved.id,
      folderId: destinationId,
      oldItemId: itemId,
      oldFolderId: item.folderId,
    });
    return moved;
  }

  setRead(itemId: string, isRead: boolean): EwsItem | undefined {
    const item = this.items.get(itemId);
    if (!item) return undefined;
    if (item.isRead !== isRead) {
      item.isRead = isRead;
      item.changeKey = newChangeKey();
      this.record({ kind: 'modified', itemId, folderId: item.folderId });
    }
    return item;
  }

  /** The sequence number of the latest event (0 before any). */
  get position(): number {
    return this.seq;
  }

  private record(event: Omit<EwsEvent, 'seq' | 'at'>) {
    this.seq += 1;
    this.events.push({ ...event, seq: this.seq, at: new Date() });
  }
}

function view(item: EwsItem): EwsMessageView {
  return {
    id: item.id,
    raw: item.raw,
    isRead: item.isRead,
    receivedAt: item.received,
  };
}
