import { Knex } from 'knex';
import { toBool } from './rows';

type Row = Record<string, any>;

/**
 * How far fetching got in one folder of one incoming server.
 *
 * In `live` mode every UID above `lastUid` is new mail. In `import` mode only
 * UIDs above `lastUid` received on or after `importSince` are (and, with
 * `unseenOnly`, only unseen ones): an import of existing mail, or the re-sync
 * after a UIDVALIDITY change.
 */
export interface MailboxCursor {
  serverId: string;
  folder: string;
  /** IMAP UIDVALIDITY, as text. */
  validity: string;
  lastUid: number;
  mode: 'live' | 'import';
  importSince?: Date;
  unseenOnly: boolean;
  /** Start of the last listing whose messages were all handled. */
  syncedAt?: Date;
}

/** Fetch cursors, one row per incoming server and folder. */
export class MailboxCursorStore {
  constructor(private readonly db: Knex) {}

  /** The cursor of a folder; undefined before the first connection. */
  async get(
    serverId: string,
    folder: string,
  ): Promise<MailboxCursor | undefined> {
    const row = await this.db('mailbox_cursors')
      .where({ server_id: serverId, folder })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** Creates or replaces a folder's cursor (first connection, UIDVALIDITY change, end of an import). */
  async put(cursor: MailboxCursor): Promise<void> {
    const values = {
      uid_validity: cursor.validity,
      last_uid: cursor.lastUid,
      mode: cursor.mode,
      import_since: cursor.importSince ?? null,
      import_unseen_only: cursor.unseenOnly,
      synced_at: cursor.syncedAt ?? null,
      updated_at: new Date(),
    };
    await this.db('mailbox_cursors')
      .insert({ server_id: cursor.serverId, folder: cursor.folder, ...values })
      .onConflict(['server_id', 'folder'])
      .merge(values);
  }

  /**
   * Moves the cursor past a handled message. Never backwards, and only while
   * the folder still has the UIDVALIDITY the message was listed under.
   */
  async advance(
    serverId: string,
    folder: string,
    validity: string,
    uid: number,
  ): Promise<void> {
    await this.db('mailbox_cursors')
      .where({ server_id: serverId, folder, uid_validity: validity })
      .where('last_uid', '<', uid)
      .update({ last_uid: uid, updated_at: new Date() });
  }

  /** Notes that every message of a listing started at `at` was handled. */
  async markSynced(serverId: string, folder: string, at: Date): Promise<void> {
    await this.db('mailbox_cursors')
      .where({ server_id: serverId, folder })
      .update({ synced_at: at, updated_at: new Date() });
  }

  /** Forgets a deleted server's cursors. */
  async forget(serverId: string): Promise<void> {
    await this.db('mailbox_cursors').where({ server_id: serverId }).delete();
  }
}

function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  return value instanceof Date ? value : new Date(value as string | number);
}

function fromRow(row: Row): MailboxCursor {
  return {
    serverId: row.server_id,
    folder: row.folder,
    validity: String(row.uid_validity),
    lastUid: Number(row.last_uid),
    mode: row.mode === 'import' ? 'import' : 'live',
    importSince: toDate(row.import_since),
    unseenOnly: toBool(row.import_unseen_only),
    syncedAt: toDate(row.synced_at),
  };
}
