import {
  startBackendWithHelpInbox,
  TestEmailsBackend,
} from './__testUtils__/helpInbox';

jest.setTimeout(60_000);

describe('incoming email rules routes', () => {
  let backend: TestEmailsBackend;
  let mailbox: string;

  beforeAll(async () => {
    ({ backend, mailbox } = await startBackendWithHelpInbox());
  });

  const printers = () => ({
    name: 'Printers',
    match: 'any',
    conditions: [
      { field: 'mailbox', operator: 'is', values: ['HELP@example.com'] },
      { field: 'subject', operator: 'matchesRegex', values: ['print(er|ing)'] },
      {
        field: 'header',
        header: 'X-Priority',
        operator: 'startsWith',
        values: ['1'],
      },
    ],
    actions: [
      { type: 'technicianGroup', value: 'printing' },
      { type: 'setField', field: 'impact', value: 'High' },
    ],
    stopProcessing: true,
  });

  it('saves the ordered list with ids, versions and an audit entry, and reads it back', async () => {
    const { call } = backend;
    expect((await call('admin', 'get', '/rules/incoming')).body).toEqual({
      rules: [],
      version: 0,
    });
    const saved = await call('admin', 'put', '/rules/incoming', {
      version: 0,
      rules: [
        printers(),
        { ...printers(), name: 'Spam', actions: [{ type: 'ignore' }] },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    expect(saved.body.rules[0]).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      enabled: true,
      actions: [
        { type: 'technicianGroup', value: 'group:default/printing' },
        { type: 'setField', field: 'impact', value: 'High' },
      ],
    });
    expect((await call('admin', 'get', '/rules/incoming')).body).toEqual(
      saved.body,
    );
    // The outgoing rules are a document of their own.
    expect((await call('admin', 'get', '/rules/outgoing')).body.version).toBe(
      0,
    );

    const [first, second] = saved.body.rules;
    await call('admin', 'put', '/rules/incoming', {
      version: 1,
      rules: [second, { ...first, enabled: false }],
    });
    const audit = (
      await call('admin', 'get', '/audit/config?target=incoming-rules')
    ).body;
    const entries = audit.items ?? audit;
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      actor: 'user:default/alice',
      action: 'update',
      targetName: 'Incoming Email Rules',
    });
    expect(entries[0].changes.map((c: any) => c.field).sort()).toEqual([
      'Printers.enabled',
      'Printers.position',
      'Spam.position',
    ]);
  });

  it('refuses a stale version, a reader, and bad rules naming the field', async () => {
    const { call } = backend;
    const { version } = (await call('admin', 'get', '/rules/incoming')).body;
    const stale = await call('admin', 'put', '/rules/incoming', {
      version: version - 1,
      rules: [],
    });
    expect(stale.status).toBe(409);
    const reader = await call('reader', 'put', '/rules/incoming', {
      version,
      rules: [],
    });
    expect(reader.status).toBe(403);
    expect((await call('anonymous', 'get', '/rules/incoming')).status).toBe(
      401,
    );

    const bad = await call('admin', 'put', '/rules/incoming', {
      version,
      rules: [
        printers(),
        {
          ...printers(),
          name: 'Broken',
          conditions: [
            { field: 'subject', operator: 'contains', values: ['x'] },
            { field: 'body', operator: 'matchesRegex', values: ['(unclosed'] },
          ],
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /^Invalid incoming email rules: rules\.1\.conditions\.1\.values\.0 must be a valid regular expression/,
    );
    const unknown = await call('admin', 'put', '/rules/incoming', {
      version,
      rules: [
        {
          ...printers(),
          conditions: [
            {
              field: 'mailbox',
              operator: 'inList',
              values: ['nobody@example.com', mailbox],
            },
          ],
        },
      ],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      'Invalid incoming email rules: rules.0.conditions.0.values.0 is not the id or address of an incoming server (nobody@example.com)',
    );
    expect((await call('admin', 'get', '/rules/incoming')).body.version).toBe(
      version,
    );
  });
});
