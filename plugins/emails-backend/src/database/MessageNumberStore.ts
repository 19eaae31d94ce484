import { Knex } from 'knex';

type Tx = Knex | Knex.Transaction;

/**
 * Numbers for messages of protocols without IMAP's UIDs: a key seen for the
 * first time (POP3 UIDL, Graph message id) gets the next number of its
 * server and keeps it, so the folder cursor works as for IMAP. Keys gone
 * from the server are forgotten, all but the highest number's: it is the
 * high-water mark, so no number is ever given twice. Also keeps each
 * folder's delta link where the protocol lists changes with one.
 */
export class MessageNumberStore {
  constructor(private readonly db: Knex) {}

  /** A full listing (POP3 UIDL): numbers for every key, and forgets keys no longer listed. */
  async assign(
    serverId: string,
    keys: readonly string[],
  ): Promise<Map<string, number>> {
    return this.db.transaction(async tx => {
      const known = await this.known(tx, serverId);
      const numbers = await this.addTo(tx, serverId, known, keys);
      const listed = new Set(keys);
      await this.removeFrom(
        tx,
        serverId,
        known,
        [...known.keys()].filter(key => !listed.has(key)),
      );
      return new Map(keys.map(key => [key, numbers.get(key)!]));
    });
  }

  /** Changes (Graph delta): numbers for added keys, removed keys forgotten; answers every known key. */
  async change(
    serverId: string,
    added: readonly string[],
    removed: readonly string[],
  ): Promise<Map<string, number>> {
    return this.db.transaction(async tx => {
      const known = await this.known(tx, serverId);
      await this.addTo(tx, serverId, known, added);
      await this.removeFrom(tx, serverId, known, removed);
      return known;
    });
  }

  /** Where the next listing of changes of a folder starts; undefined at first. */
  async deltaLink(
    serverId: string,
    folder: string,
  ): Promise<string | undefined> {
    const row = await this.db('delta_links')
      .where({ server_id: serverId, folder })
      .first();
    return row?.link;
  }

  /** Keeps the link the last listing of changes ended with. */
  async setDeltaLink(
    serverId: string,
    folder: string,
    link: string,
  ): Promise<void> {
    const values = { link, updated_at: new Date() };
    await this.db('delta_links')
      .insert({ server_id: serverId, folder, ...values })
      .onConflict(['server_id', 'folder'])
      .merge(values);
  }

  /** Forgets a deleted server's numbers and links. */
  async forget(serverId: string): Promise<void> {
    await this.db('message_numbers').where({ server_id: serverId }).delete();
    await this.db('delta_links').where({ server_id: serverId }).delete();
  }

  private async known(tx: Tx, serverId: string): Promise<Map<string, number>> {
    const rows: { source_key: string; uid: number }[] = await tx(
      'message_numbers',
    )
      .where({ server_id: serverId })
      .select('source_key', 'uid');
    return new Map(rows.map(r => [r.source_key, Number(r.uid)]));
  }

  private async addTo(
    tx: Tx,
    serverId: string,
    known: Map<string, number>,
    keys: readonly string[],
  ): Promise<Map<string, number>> {
    let next = highestOf(known);
    const added = [...new Set(keys)]
      .filter(key => !known.has(key))
      .map(key => ({ key, uid: ++next }));
    const now = new Date();
    for (let i = 0; i < added.length; i += 500) {
      await tx('message_numbers').insert(
        added.slice(i, i + 500).map(a => ({
          server_id: serverId,
          source_key: a.key,
          uid: a.uid,
          created_at: now,
        })),
      );
    }
    for (const a of added) known.set(a.key, a.uid);
    return known;
  }

  private async removeFrom(
    tx: Tx,
    serverId: string,
    known: Map<string, number>,
    keys: readonly string[],
  ): Promise<void> {
    const highest = highestOf(known);
    const gone = keys.filter(
      key => known.has(key) && known.get(key) !== highest,
    );
    for (let i = 0; i < gone.length; i += 500) {
      await tx('message_numbers')
        .where({ server_id: serverId })
        .whereIn('source_key', gone.slice(i, i + 500))
        .delete();
    }
    for (const key of gone) known.delete(key);
  }
}

function highestOf(known: Map<string, number>): number {
  let highest = 0;
  for (const uid of known.values()) highest = Math.max(highest, uid);
  return highest;
}
