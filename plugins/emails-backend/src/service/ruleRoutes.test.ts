import { startEmailsBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const smtp = (name: string, email: string) => ({
  name,
  email,
  protocol: 'smtp',
  host: 'smtp.example.com',
  port: 587,
  security: 'starttls',
  authNeeded: false,
});

describe('outgoing email rules routes', () => {
  let backend: Awaited<ReturnType<typeof startEmailsBackend>>;
  let euServer: string;
  let mailbox: string;

  beforeAll(async () => {
    backend = await startEmailsBackend();
    const { call } = backend;
    euServer = (
      await call(
        'admin',
        'post',
        '/servers/outgoing',
        smtp('EU relay', 'eu@example.com'),
      )
    ).body.id;
    mailbox = (
      await call('admin', 'post', '/servers/incoming', {
        name: 'Sales inbox',
        email: 'sales@example.com',
        protocol: 'imap',
        host: 'imap.example.com',
        port: 993,
        security: 'ssl',
        authType: 'basic',
        username: 'sales',
        password: 'pw',
      })
    ).body.id;
  });

  const euRule = () => ({
    name: 'EU customers',
    conditions: [
      { field: 'requesterDomain', operator: 'endsWith', values: ['.eu'] },
      { field: 'mailbox', operator: 'is', values: ['SALES@example.com'] },
    ],
    actions: [{ type: 'useOutgoingServer', serverId: euServer }],
  });

  it('saves the ordered list with ids, versions and an audit entry, and reads it back', async () => {
    const { call } = backend;
    const empty = await call('admin', 'get', '/rules/outgoing');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ rules: [], version: 0 });

    const saved = await call('admin', 'put', '/rules/outgoing', {
      version: 0,
      rules: [
        euRule(),
        {
          ...euRule(),
          name: 'Sales mailbox',
          match: 'any',
          stopProcessing: true,
        },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    expect(
      saved.body.rules.map((r: any) => [r.name, r.match, r.stopProcessing]),
    ).toEqual([
      ['EU customers', 'all', false],
      ['Sales mailbox', 'any', true],
    ]);
    expect(saved.body.rules[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await call('admin', 'get', '/rules/outgoing')).body).toEqual(
      saved.body,
    );

    // Reordered, with the ids kept: the audit entry names what moved.
    const [first, second] = saved.body.rules;
    const reordered = await call('admin', 'put', '/rules/outgoing', {
      version: 1,
      rules: [second, { ...first, enabled: false }],
    });
    expect(reordered.body.rules.map((r: any) => r.id)).toEqual([
      second.id,
      first.id,
    ]);
    const audit = (
      await call('admin', 'get', '/audit/config?target=outgoing-rules')
    ).body;
    const entries = audit.items ?? audit;
    expect(entries[0]).toMatchObject({
      actor: 'user:default/alice',
      action: 'update',
      targetName: 'Outgoing Email Rules',
    });
    expect(entries[0].changes.map((c: any) => c.field).sort()).toEqual([
      'EU customers.enabled',
      'EU customers.position',
      'Sales mailbox.position',
    ]);
  });

  it('refuses a stale version, a reader, and rules naming what does not exist', async () => {
    const { call } = backend;
    const { version } = (await call('admin', 'get', '/rules/outgoing')).body;
    expect(
      (
        await call('admin', 'put', '/rules/outgoing', {
          version: version - 1,
          rules: [],
        })
      ).status,
    ).toBe(409);
    expect(
      (await call('reader', 'put', '/rules/outgoing', { version, rules: [] }))
        .status,
    ).toBe(403);
    expect((await call('anonymous', 'get', '/rules/outgoing')).status).toBe(
      401,
    );

    const bad = await call('admin', 'put', '/rules/outgoing', {
      version,
      rules: [
        {
          ...euRule(),
          conditions: [
            {
              field: 'mailbox',
              operator: 'is',
              values: ['nobody@example.com'],
            },
          ],
          actions: [{ type: 'useOutgoingServer', serverId: 'missing' }],
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'Invalid outgoing email rules: rules.0.actions.0.serverId is not a configured outgoing server (missing); rules.0.conditions.0.values.0 is not the id or address of an incoming server (nobody@example.com)',
    );
    const shape = await call('admin', 'put', '/rules/outgoing', {
      version,
      rules: [{ ...euRule(), name: 'a\r\nBcc: x@example.com' }],
    });
    expect(shape.status).toBe(400);
    expect(shape.body.error.message).toContain(
      'rules.0.name must not contain line breaks',
    );
    expect((await call('admin', 'get', '/rules/outgoing')).body.version).toBe(
      version,
    );
  });

  it('keeps a server that a rule sends through from being deleted', async () => {
    const { call } = backend;
    const other = (
      await call(
        'admin',
        'post',
        '/servers/outgoing',
        smtp('Spare', 'spare@example.com'),
      )
    ).body.id;
    const { version } = (await call('admin', 'get', '/rules/outgoing')).body;
    await call('admin', 'put', '/rules/outgoing', {
      version,
      rules: [
        {
          ...euRule(),
          name: 'Via spare',
          actions: [{ type: 'useOutgoingServer', serverId: other }],
        },
      ],
    });
    const refused = await call('admin', 'delete', `/servers/outgoing/${other}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      'The outgoing server "Spare" is used by the outgoing email rule "Via spare"; change those first',
    );
    await call('admin', 'put', '/rules/outgoing', {
      version: version + 1,
      rules: [],
    });
    expect(
      (await call('admin', 'delete', `/servers/outgoing/${other}`)).status,
    ).toBe(204);

    // A mailbox a rule names cannot go either.
    await call('admin', 'put', '/rules/outgoing', {
      version: version + 2,
      rules: [euRule()],
    });
    const named = await call('admin', 'delete', `/servers/incoming/${mailbox}`);
    expect(named.status).toBe(409);
    expect(named.body.error.message).toBe(
      'The incoming server "Sales inbox" is used by the outgoing email rule "EU customers"; change those first',
    );
  });
});
