// @ts-check

/**
 * The configuration audit trail and the health of each mail server.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('config_audit', table => {
    table.comment('Who changed which mail channel setting, when; secrets masked');
    table.bigIncrements('id').primary();
    table.timestamp('at', { useTz: true }).notNullable().index();
    table.string('actor').notNullable();
    table.string('action').notNullable().comment('create, update or delete');
    table.string('target').notNullable().comment('incoming-server, outgoing-server, proxy, preferences');
    table.string('target_id').notNullable();
    table.string('target_name');
    table.text('changes').notNullable().comment('JSON [{ field, before, after }]');
    table.index(['target', 'target_id']);
  });

  await knex.schema.createTable('server_health', table => {
    table.comment('How each mail server is doing; no foreign key: history outlives the server');
    table.string('direction').notNullable();
    table.string('server_id').notNullable();
    table.string('status').notNullable();
    table.timestamp('last_sync_at', { useTz: true });
    table.timestamp('last_success_at', { useTz: true });
    table.integer('consecutive_failures').notNullable().defaultTo(0);
    table.text('last_error');
    table.timestamp('token_expires_at', { useTz: true });
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['direction', 'server_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('server_health');
  await knex.schema.dropTable('config_audit');
};
