// @ts-check

/**
 * The configuration tables: incoming and outgoing mail servers, proxies and
 * the Email Preference. Fields that are filtered on are columns; the rest of a
 * server's settings is a JSON document so new settings need no migration.
 * Secrets live only in `secrets`, encrypted by the application.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('proxies', table => {
    table.comment('Proxy servers that mail servers may connect through');
    table.string('id').primary();
    table.string('name').notNullable().unique();
    table.string('protocol').notNullable();
    table.string('host').notNullable();
    table.integer('port').notNullable();
    table.string('username');
    table.text('secrets').comment('encrypted JSON of write-only fields');
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('updated_by');
  });

  await knex.schema.createTable('outgoing_servers', table => {
    table.comment('Servers the emails plugin sends mail through');
    mailServerColumns(table);
  });

  await knex.schema.createTable('incoming_servers', table => {
    table.comment('Mailboxes the emails plugin turns into tickets');
    mailServerColumns(table);
    table.string('technician_group');
    table
      .string('outgoing_server_id')
      .references('id')
      .inTable('outgoing_servers')
      .onDelete('SET NULL');
  });

  // At most one primary server per direction, kept by the database itself.
  for (const name of ['incoming_servers', 'outgoing_servers']) {
    await knex.raw(
      `CREATE UNIQUE INDEX ${name}_one_primary ON ${name} (is_primary) WHERE is_primary`,
    );
  }

  await knex.schema.createTable('preferences', table => {
    table.comment('Email Preference and other settings documents, by name');
    table.string('name').primary();
    table.text('value').notNullable().comment('JSON document');
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('updated_by');
  });
};

/**
 * @param {import('knex').Knex.CreateTableBuilder} table
 */
function mailServerColumns(table) {
  table.string('id').primary();
  table.string('name').notNullable().unique();
  table.string('email').notNullable();
  table.string('protocol').notNullable();
  table.boolean('enabled').notNullable().defaultTo(true);
  table.boolean('is_primary').notNullable().defaultTo(false);
  table
    .string('proxy_id')
    .references('id')
    .inTable('proxies')
    .onDelete('SET NULL');
  table.text('settings').notNullable().comment('JSON of non-secret fields');
  table.text('secrets').comment('encrypted JSON of write-only fields');
  table.integer('version').notNullable().defaultTo(1);
  table.timestamp('created_at', { useTz: true }).notNullable();
  table.timestamp('updated_at', { useTz: true }).notNullable();
  table.string('created_by');
  table.string('updated_by');
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('preferences');
  await knex.schema.dropTable('incoming_servers');
  await knex.schema.dropTable('outgoing_servers');
  await knex.schema.dropTable('proxies');
};
