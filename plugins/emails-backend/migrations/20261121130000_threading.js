// @ts-check

/**
 * Replies and Email Preference: a conversation entry keeps the quoted
 * history apart from what is new and whether its sender was verified; a
 * ticket may be linked to the closed ticket it follows up; recipients whose
 * mail bounced are remembered per ticket.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ticket_entries', table => {
    table.text('quoted_html').comment('quoted history, shown collapsed');
    table.text('quoted_text');
    table.boolean('sender_verified').comment('DMARC/DKIM/SPF from a trusted server; null = not checked');
    table.string('sender_note').comment('why the sender is flagged, e.g. Reply-To domain differs');
  });
  await knex.schema.alterTable('tickets', table => {
    table.bigInteger('follows_ticket_id').comment('the closed ticket this one follows up');
  });
  await knex.schema.createTable('undeliverable_recipients', table => {
    table.comment('Addresses whose mail about a ticket bounced');
    table.bigInteger('ticket_id').notNullable().references('id').inTable('tickets').onDelete('CASCADE');
    table.string('address', 320).notNullable();
    table.text('reason');
    table.timestamp('bounced_at', { useTz: true }).notNullable();
    table.primary(['ticket_id', 'address']);
  });
  await knex.schema.alterTable('inbound_messages', table => {
    table.index(['message_id_hash', 'received_at'], 'inbound_messages_duplicates');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('inbound_messages', table => {
    table.dropIndex(['message_id_hash', 'received_at'], 'inbound_messages_duplicates');
  });
  await knex.schema.dropTable('undeliverable_recipients');
  await knex.schema.alterTable('tickets', table => {
    table.dropColumn('follows_ticket_id');
  });
  await knex.schema.alterTable('ticket_entries', table => {
    table.dropColumn('sender_note');
    table.dropColumn('sender_verified');
    table.dropColumn('quoted_text');
    table.dropColumn('quoted_html');
  });
};
