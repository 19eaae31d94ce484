import { TestDatabases } from '@backstage/backend-test-utils';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startProductionEmailsBackend } from '../__testUtils__/productionBackend';

jest.setTimeout(60_000);

/** What no error body may show: a stack, a stack frame, where files live. */
function expectNothingInternal(text: string) {
  expect(text).not.toMatch(/"stack"/);
  expect(text).not.toMatch(/\bat \S+ \(|\bat \/|\.js:\d+:\d+/);
  expect(text).not.toContain(process.cwd());
  expect(text).not.toContain('node_modules');
  expect(text).not.toMatch(/\/(work|home|usr|tmp|root)\//);
}

describe('API error bodies in production', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('name the problem without stacks, absolute paths or library internals', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server, call, logger } = await startProductionEmailsBackend(knex);

    const invalid = await call('admin', 'post', '/servers/incoming', {
      name: 'Helpdesk',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toEqual({
      name: 'InputError',
      message: expect.stringMatching(/^Invalid incoming server: .*email/),
    });
    expectNothingInternal(invalid.text);

    // The JSON parser (a library) refuses the body.
    const malformed = await request(server)
      .post('/api/emails/servers/incoming')
      .set('Authorization', mockCredentials.user.header('user:default/alice'))
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/JSON/);
    expectNothingInternal(malformed.text);

    const missing = await call('admin', 'get', '/servers/incoming/4242');
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('NotFoundError');
    expect(missing.body.error.message).toContain('4242');
    expectNothingInternal(missing.text);

    // A store fails inside a route: knex puts the SQL with its values into the message.
    await knex.schema.dropTable('config_audit');
    const failed = await call(
      'admin',
      'get',
      '/audit/config?target=incoming:private-value',
    );
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({
      error: {
        name: 'Error',
        message: expect.stringMatching(
          /^Internal error \(SqliteError SQLITE_ERROR\); the backend log has the details under logId=[0-9a-f]{16}$/,
        ),
      },
      request: { method: 'GET', url: '/api/emails/audit/config' },
      response: { statusCode: 500 },
    });
    expect(failed.text).not.toMatch(/config_audit|select|private-value/i);
    expectNothingInternal(failed.text);
    // The log entry has what the body leaves out, under the same logId.
    const logId = /logId=(\w+)/.exec(failed.body.error.message)![1];
    const entry = logger.error.mock.calls.find(([message]) =>
      String(message).includes(logId),
    );
    expect(entry?.[0]).toContain('GET /api/emails/audit/config failed');
    expect(String(entry?.[1])).toContain('no such table: config_audit');
  });
});
