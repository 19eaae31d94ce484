import { Knex } from 'knex';

/**
 * Numbers for POP3 messages: a UIDL seen for the first time gets the next
 * number of its server, in maildrop order, and keeps it; UIDLs gone from
 * the maildrop are forgotten (RFC 1939: a unique-id is never reused), all
 * but the highest number's.
 */
export class Pop3UidStore {
  constructor(private readonly db: Knex) {}

  /** The number of each listed UIDL, new ones numbered after all before. */
  async assign(
    serverId: string,
    uidls: readonly string[],
  ): Promise<Map<string, number>> {
    return this.db.transaction(async tx => {
      const rows: { uidl: string; uid: number }[] = await tx('pop3_uids')
        .where({ server_id: serverId })
        .select('uidl', 'uid');
      const known = new Map(rows.map(r => [r.uidl, Number(r.uid)]));
      let next = rows.reduce((max, r) => Math.max(max, Number(r.uid)), 0);
      const added = uidls
        .filter(uidl => !known.has(uidl))
        .map(uidl => ({ uidl, uid: ++next }));
      if (added.length > 0) {
        const now = new Date();
        for (let i = 0; i < added.length; i += 500) {
          await tx('pop3_uids').insert(
            added.slice(i, i + 500).map(a => ({
              server_id: serverId,
              uidl: a.uidl,
              uid: a.uid,
              created_at: now,
            })),
          );
        }
      }
      const listed = new Set(uidls);
      // The highest number stays even when its message is gone: it is the
      // high-water mark, so no number is ever given twice.
      const gone = [...known.entries()]
        .filter(([uidl, uid]) => !listed.has(uidl) && uid !== next)
        .map(([uidl]) => uidl);
      for (let i = 0; i < gone.length; i += 500) {
        await tx('pop3_uids')
          .where({ server_id: serverId })
          .whereIn('uidl', gone.slice(i, i + 500))
          .delete();
      }
      for (const a of added) known.set(a.uidl, a.uid);
      return new Map(uidls.map(uidl => [uidl, known.get(uidl)!]));
    });
  }

  /** Forgets a deleted server's numbers. */
  async forget(serverId: string): Promise<void> {
    await this.db('pop3_uids').where({ server_id: serverId }).delete();
  }
}
