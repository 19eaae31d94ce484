// @ts-check

/**
 * Fetching protocols without IMAP's numeric UIDs: each message's own key
 * (a POP3 UIDL, a Graph message id) gets a number that only grows, so the
 * folder cursor (last UID handled) works for them as it does for IMAP; and
 * where the protocol lists changes with a link of its own (Graph's delta
 * link), that link is kept per folder.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('message_numbers', table => {
    table.comment('Key of each message on its server (POP3 UIDL, Graph id) and its growing number');
    table.string('server_id').notNullable();
    table.string('source_key', 512).notNullable();
    table.integer('uid').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['server_id', 'source_key']);
    table.unique(['server_id', 'uid']);
  });
  await knex.schema.createTable('delta_links', table => {
    table.comment('Where the next listing of changes starts (Graph delta link), per server and folder');
    table.string('server_id').notNullable();
    table.string('folder').notNullable();
    table.text('link').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['server_id', 'folder']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delta_links');
  await knex.schema.dropTable('message_numbers');
};
