// @ts-check

/**
 * POP3 fetching: each message's UIDL gets a number that only grows, so the
 * folder cursor (last UID handled) works for POP3 as it does for IMAP.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pop3_uids', table => {
    table.comment('UIDL of each message in a POP3 maildrop and its growing number');
    table.string('server_id').notNullable();
    table.string('uidl', 255).notNullable().comment('RFC 1939 unique-id: 1 to 70 printable characters');
    table.integer('uid').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['server_id', 'uidl']);
    table.unique(['server_id', 'uid']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pop3_uids');
};
