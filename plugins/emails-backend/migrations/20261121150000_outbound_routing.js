// @ts-check

/**
 * Outgoing email rules: a queued message keeps the ticket facts the rules
 * look at (so a rule changed before the send, or before a retry, applies),
 * and how its server was chosen, for the Outgoing Queue.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('outbound_messages', table => {
    table
      .text('routing')
      .comment(
        'JSON: mailbox, technician group, category, requester, subject for the outgoing rules',
      );
    table
      .text('route')
      .comment('JSON: the server picked before any fallback, and by what');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('outbound_messages', table => {
    table.dropColumn('routing');
    table.dropColumn('route');
  });
};
