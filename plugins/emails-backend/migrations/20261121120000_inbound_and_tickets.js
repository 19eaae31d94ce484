// @ts-check

/**
 * The processing log of inbound mail (raw bytes kept, so nothing is lost
 * and any message can be replayed) and the built-in ticketing: tickets,
 * their conversation entries and attachments.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('inbound_messages', table => {
    table.comment('Every message a mailbox delivered, recorded before the mailbox is changed');
    table.string('id').primary();
    table.string('server_id').notNullable();
    table.string('source_id', 512).notNullable().comment('the id on the mail server: imap:<folder>:<uidvalidity>:<uid>, push:<id>');
    table.unique(['server_id', 'source_id'], { indexName: 'inbound_messages_idempotency' });
    table.string('message_id', 998).comment('the Message-ID header');
    table.string('message_id_hash', 64).index();
    table.timestamp('received_at', { useTz: true }).notNullable().index();
    table.timestamp('processed_at', { useTz: true });
    table.string('status').notNullable().index();
    table.text('reason');
    table.text('subject');
    table.string('from_address', 320);
    table.integer('size_bytes').notNullable();
    table.binary('raw').notNullable();
    table.string('ticket_id');
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('trace').notNullable().defaultTo('[]').comment('JSON decision trace');
    table.text('summary').comment('JSON: to, cc, attachments');
  });

  await knex.schema.createTable('tickets', table => {
    table.comment('Tickets of the built-in DatabaseTicketing');
    table.bigIncrements('id').primary();
    table.string('idempotency_key', 512).notNullable().unique();
    table.text('title').notNullable();
    table.string('status').notNullable().defaultTo('open');
    table.string('requester_email', 320).notNullable();
    table.string('requester_name');
    table.string('requester_ref');
    table.text('cc_emails').notNullable().defaultTo('[]');
    table.string('technician_group').index();
    table.string('category');
    table.string('company');
    table.string('server_id').index();
    table.string('assignee_ref');
    table.timestamp('created_at', { useTz: true }).notNullable().index();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('closed_at', { useTz: true });
  });

  await knex.schema.createTable('ticket_entries', table => {
    table.comment('The conversation of a ticket');
    table.bigIncrements('id').primary();
    table.bigInteger('ticket_id').unsigned().notNullable().references('id').inTable('tickets').onDelete('CASCADE').index();
    table.string('idempotency_key', 512).notNullable().unique();
    table.string('kind').notNullable();
    table.string('author_email', 320).notNullable();
    table.string('author_name');
    table.string('author_ref');
    table.text('html').comment('sanitised');
    table.text('text');
    table.string('message_id').comment('the inbound message it came from');
    table.timestamp('created_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('attachments', table => {
    table.comment('Files and inline images of ticket entries; served only as downloads');
    table.string('id').primary();
    table.string('message_id').notNullable().index().comment('the inbound message it came with');
    table.bigInteger('entry_id').unsigned().references('id').inTable('ticket_entries').onDelete('CASCADE').index();
    table.string('filename').notNullable();
    table.string('content_type').notNullable();
    table.integer('size_bytes').notNullable();
    table.boolean('inline').notNullable().defaultTo(false);
    table.string('content_id', 998);
    table.string('sha256', 64).notNullable();
    table.binary('content').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('attachments');
  await knex.schema.dropTable('ticket_entries');
  await knex.schema.dropTable('tickets');
  await knex.schema.dropTable('inbound_messages');
};
