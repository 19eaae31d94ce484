// @ts-check

/**
 * Mail waiting on the mail server (issue 16): per incoming server, the
 * messages the last listing found that are not handled yet, so the server
 * card's Inbound Queue counts them beside the pipeline's unfinished ones.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('server_health', table => {
    table
      .integer('waiting_on_server')
      .notNullable()
      .defaultTo(0)
      .comment(
        'incoming: listed messages still on the mail server, not handled yet',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('server_health', table => {
    table.dropColumn('waiting_on_server');
  });
};
