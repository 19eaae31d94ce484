// @ts-check

/**
 * Health alerts (issue 14): per server, the consecutive failed syncs or
 * sends and the alert the admins were sent, so a restart keeps the state and
 * two replicas decide in one locked row who notifies. Plus an index for the
 * per-server activity chart over the last day of inbound messages.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('server_alerts', table => {
    table.comment(
      'Health alerts sent to the emails admins, one row per mail server',
    );
    table.string('direction').notNullable();
    table.string('server_id').notNullable();
    table
      .integer('failures')
      .notNullable()
      .defaultTo(0)
      .comment('consecutive failed syncs (incoming) or sends (outgoing)');
    table
      .string('alert')
      .comment('open alert: failing, paused or auth-expired; null when none');
    table.timestamp('alerted_at', { useTz: true });
    table
      .timestamp('notified_at', { useTz: true })
      .comment('last alert or reminder sent');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['direction', 'server_id']);
  });
  await knex.schema.alterTable('inbound_messages', table => {
    table.index(['server_id', 'received_at'], 'inbound_messages_activity');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('inbound_messages', table => {
    table.dropIndex(['server_id', 'received_at'], 'inbound_messages_activity');
  });
  await knex.schema.dropTable('server_alerts');
};
