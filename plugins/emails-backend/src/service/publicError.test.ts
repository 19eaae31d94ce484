import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { TestDatabases } from '@backstage/backend-test-utils';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { publicError, statusOf, withoutInternals } from './publicError';

describe('publicError', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('keeps what an error this plugin throws says, without where files live', () => {
    const file = path.join(process.cwd(), 'certs', 'ca.pem');
    expect(
      publicError(new InputError(`Invalid certificate ${file}`), 'id'),
    ).toEqual({
      statusCode: 400,
      name: 'InputError',
      message: 'Invalid certificate .../ca.pem',
    });
    expect(publicError(new NotFoundError('No server 7'), 'id')).toEqual({
      statusCode: 404,
      name: 'NotFoundError',
      message: 'No server 7',
    });
  });

  it('names a failing library by class and code only, pointing to the log', async () => {
    const knex = await databases.init('SQLITE_3');
    const sqlError = await knex('no_such_table')
      .where({ secret: 'hunter2' })
      .catch((e: Error) => e);
    expect(String(sqlError)).toContain('hunter2'); // what the body must not show
    expect(publicError(sqlError, 'abc')).toEqual({
      statusCode: 500,
      name: 'Error',
      message:
        'Internal error (SqliteError SQLITE_ERROR); the backend log has the details under logId=abc',
    });

    const fileError = await readFile(path.join(__dirname, 'missing.pem')).catch(
      (e: Error) => e,
    );
    expect(publicError(fileError, 'abc').message).toBe(
      'Internal error (Error ENOENT); the backend log has the details under logId=abc',
    );
  });

  it('keeps a deliberate 503 without the library error it wraps', () => {
    const cause = new Error(`insert into "t" values ('hunter2') - locked`);
    expect(
      publicError(new ServiceUnavailableError('Database busy', cause), 'x'),
    ).toEqual({
      statusCode: 503,
      name: 'ServiceUnavailableError',
      message: 'Database busy',
    });
  });

  it('takes the status from the error, as Backstage does', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      status: 413,
      name: 'PayloadTooLargeError',
    });
    expect(statusOf(tooLarge)).toBe(413);
    expect(publicError(tooLarge, 'x').message).toBe('request entity too large');
    expect(statusOf('a string')).toBe(500);
    expect(publicError('a string', 'x').message).toMatch(/^Internal error/);
  });
});

describe('withoutInternals', () => {
  it.each([
    [
      "ENOENT: no such file or directory, open '/work/main/certs/ca.pem'",
      "ENOENT: no such file or directory, open '.../ca.pem'",
    ],
    [
      'failed in file:///srv/app/dist/index.cjs.js',
      'failed in .../index.cjs.js',
    ],
    ['C:\\Users\\me\\keys\\key.pem is unreadable', '.../key.pem is unreadable'],
    ['node_modules/knex/lib/runner.js broke', '.../runner.js broke'],
    [
      'Boom\n    at run (/home/x/app/index.js:3:9)\n    at next (node:internal/x:1:1)',
      'Boom',
    ],
    // API paths and URLs are not file paths.
    [
      'No route /servers/incoming/7 at https://login.example.com/token',
      'No route /servers/incoming/7 at https://login.example.com/token',
    ],
    ['folder INBOX/Archive is missing', 'folder INBOX/Archive is missing'],
  ])('turns %p into %p', (text, clean) => {
    expect(withoutInternals(text)).toBe(clean);
  });
});
