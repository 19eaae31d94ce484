// @ts-check

/**
 * The durable outbound queue: every message we send is stored here, as the
 * exact RFC 822 bytes built when it was queued, and moves
 * queued -> sending -> sent | failed (failed attempts go back to queued).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('outbound_messages', table => {
    table.comment('Outgoing mail: queued, sending, sent or failed');
    table.string('id', 36).primary();
    table
      .string('status', 16)
      .notNullable()
      .comment('queued | sending | sent | failed');
    table.string('idempotency_key', 255).notNullable().unique();
    table
      .string('preferred_server_id', 36)
      .comment(
        'outgoing server picked by rules / the incoming server link; null = primary',
      );
    table
      .string('used_server_id', 36)
      .comment('outgoing server that accepted (or last tried) the message');
    table.text('from_address').notNullable().comment('envelope sender');
    table.text('to_addresses').notNullable().comment('JSON array');
    table.text('cc_addresses').notNullable().comment('JSON array');
    table
      .text('bcc_addresses')
      .notNullable()
      .comment('JSON array, envelope only');
    table.text('subject').notNullable();
    table
      .string('message_id', 998)
      .notNullable()
      .comment('the Message-ID header, also traced on a crash in sending');
    table
      .binary('raw')
      .notNullable()
      .comment('RFC 822 bytes, sent as they are');
    table
      .bigInteger('ticket_id')
      .comment('the ticket this mail is about, if any');
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).notNullable();
    table.text('last_error');
    table.string('claimed_by', 255);
    table.timestamp('claimed_at', { useTz: true });
    table.timestamp('sent_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['status', 'next_attempt_at'], 'outbound_messages_due');
    table.index(['ticket_id'], 'outbound_messages_ticket');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('outbound_messages');
};
