import knexFactory, { Knex } from 'knex';

/**
 * A global per-mailbox lock across bench replicas, standing in for the
 * scheduler's global task (`emails:fetch:<id>`, scope 'global'): a replica
 * runs a mailbox only while it holds its lock, so each mailbox run is taken
 * by one replica at a time, as production's scheduler does it. A PostgreSQL
 * session-level advisory lock on one connection of its own: a replica killed
 * with SIGKILL loses its connection, PostgreSQL releases its locks at once and
 * another replica's next attempt takes the mailbox over, as the scheduler's
 * run timeout does (later) for a dead replica.
 */
export class MailboxLock {
  private constructor(private readonly session: Knex) {}

  /** Opens the lock session on the bench's PostgreSQL. */
  static open(database: Knex.Config): MailboxLock {
    // One connection that is never reaped: the locks live in its session.
    return new MailboxLock(
      knexFactory({
        ...database,
        pool: { min: 1, max: 1, idleTimeoutMillis: 2 ** 31 - 1 },
      }),
    );
  }

  /** Takes the mailbox's lock if no replica holds it. */
  async take(serverId: string): Promise<boolean> {
    const { rows } = await this.session.raw(
      'select pg_try_advisory_lock(hashtext(?)) as taken',
      [`emails:fetch:${serverId}`],
    );
    return rows[0].taken === true;
  }

  /** Lets another replica take the mailbox. */
  async release(serverId: string): Promise<void> {
    await this.session.raw('select pg_advisory_unlock(hashtext(?))', [
      `emails:fetch:${serverId}`,
    ]);
  }

  /** Ends the session and with it every lock still held. */
  close(): Promise<void> {
    return this.session.destroy();
  }
}
