// @ts-check

/**
 * Replies from someone outside the conversation (not the requester, a CC
 * user nor a technician, but quoting our signed token) are kept as internal
 * notes until a technician publishes them as replies or dismisses them; who
 * did which, and when, stays on the entry.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ticket_entries', table => {
    table
      .string('outside_conversation', 16)
      .comment('pending, published or dismissed; null = from inside the conversation');
    table.string('reviewed_by').comment('who published or dismissed it (entity ref)');
    table.timestamp('reviewed_at', { useTz: true });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ticket_entries', table => {
    table.dropColumn('reviewed_at');
    table.dropColumn('reviewed_by');
    table.dropColumn('outside_conversation');
  });
};
