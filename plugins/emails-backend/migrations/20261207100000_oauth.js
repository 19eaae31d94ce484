// @ts-check

/**
 * OAuth 2.0 for mailboxes: the tokens of each server's sign-in (sealed), who
 * consented and why a sign-in is needed again; and the short-lived states of
 * sign-ins under way (authorization code flow with PKCE).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('oauth_grants', table => {
    table.comment('One OAuth grant per mail server; no foreign key: the audit outlives the server');
    table.string('direction').notNullable();
    table.string('server_id').notNullable();
    table.string('status').notNullable().comment('none, active or expired');
    table.text('tokens').comment('Sealed: the MSAL token cache, or the refresh and access token');
    table.string('account').comment('The mailbox account that consented');
    table.string('consented_by').comment('The portal user who signed in');
    table.timestamp('consented_at', { useTz: true });
    table.timestamp('access_token_expires_at', { useTz: true });
    table.string('failure_kind').comment('expired, revoked, scope, tenant, client-secret or client');
    table.text('failure').comment('Why an admin must sign in again; never a token');
    table.timestamp('failed_at', { useTz: true });
    table.string('secret_warned_for').comment('The client-secret expiry date the admins were warned about');
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['direction', 'server_id']);
  });

  await knex.schema.createTable('oauth_states', table => {
    table.comment('Sign-ins under way: each state is used once, within 10 minutes');
    table.string('state_hash', 64).primary().comment('SHA-256 of the state; the state itself is never stored');
    table.string('direction').notNullable();
    table.string('server_id').notNullable();
    table.string('actor').notNullable().comment('The admin who started the sign-in');
    table.text('verifier').notNullable().comment('Sealed: the PKCE code verifier');
    table.timestamp('created_at', { useTz: true }).notNullable().index();
    table.timestamp('used_at', { useTz: true });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('oauth_states');
  await knex.schema.dropTable('oauth_grants');
};
