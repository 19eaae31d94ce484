// @ts-check

/**
 * Where fetching stands in each mailbox: the IMAP cursor (UIDVALIDITY and
 * the last UID handled) per folder, and on each server's health row the
 * pause after too many consecutive message errors and the progress of an
 * import of existing mail.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mailbox_cursors', table => {
    table.comment(
      'How far fetching got in each folder of each incoming server',
    );
    table.string('server_id').notNullable();
    table.string('folder', 512).notNullable();
    table
      .string('uid_validity')
      .notNullable()
      .comment('IMAP UIDVALIDITY; a new value means every UID changed meaning');
    table
      .bigInteger('last_uid')
      .notNullable()
      .defaultTo(0)
      .comment('every message up to this UID was recorded and marked');
    table
      .string('mode')
      .notNullable()
      .comment(
        'live: every UID after last_uid; import: only those received since import_since',
      );
    table.timestamp('import_since', { useTz: true });
    table
      .boolean('import_unseen_only')
      .notNullable()
      .defaultTo(false)
      .comment(
        're-sync after a UIDVALIDITY change: handled messages are \\Seen or moved',
      );
    table
      .timestamp('synced_at', { useTz: true })
      .comment('start of the last listing whose messages were all handled');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['server_id', 'folder']);
  });

  await knex.schema.alterTable('server_health', table => {
    table
      .text('paused_reason')
      .comment('set while fetching is paused; an admin resumes it');
    table.timestamp('paused_at', { useTz: true });
    table
      .integer('message_errors')
      .notNullable()
      .defaultTo(0)
      .comment('consecutive failed or quarantined messages');
    table.integer('import_done');
    table.integer('import_total');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('server_health', table => {
    table.dropColumn('import_total');
    table.dropColumn('import_done');
    table.dropColumn('message_errors');
    table.dropColumn('paused_at');
    table.dropColumn('paused_reason');
  });
  await knex.schema.dropTable('mailbox_cursors');
};
