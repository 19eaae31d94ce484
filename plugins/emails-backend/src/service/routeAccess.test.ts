// Every route of the plugin, called by each kind of caller, against the
// portal's policy decisions: which status each gets, and for the lists which
// tickets and messages each sees. The routes come from the running router,
// so a route added without a row here fails the first test.
import { mockCredentials } from '@backstage/backend-test-utils';
import nodemailer from 'nodemailer';
import request from 'supertest';
import { Caller, startEmailsBackend } from '../__testUtils__/testBackend';
import { waitFor } from '../__testUtils__/waitFor';
import { listRoutes } from './__testUtils__/listRoutes';

jest.setTimeout(120_000);

/** The columns of every row, in this order. */
const CALLERS: Caller[] = [
  'admin',
  'technician', // of it-support, the group of the "Printer" ticket
  'otherTechnician', // of sales
  'noGroup',
  'anonymous',
];

type Ids = Awaited<ReturnType<typeof arrange>>['ids'];
interface Row {
  /** Method and path as the router declares it. */
  route: string;
  /** The concrete path to call (and body), from the arranged data. */
  call: (ids: Ids) => string | { path: string; body: object };
  /** Status per caller, in the order of CALLERS. */
  expect: number[];
}

// Reads of configuration and audit: admins only.
const adminRead = [200, 403, 403, 403, 401];
// Changes: admins pass the permission check and reach validation (the
// bodies are incomplete on purpose, so nothing changes); everyone else 403.
const adminChange = (status: number) => [status, 403, 403, 403, 401];
// Lists of tickets and messages: everyone signed in, filtered (see below).
const filteredList = [200, 200, 200, 200, 401];
// One item of the it-support ticket: unknown to whoever may not read it.
const itSupportItem = [200, 200, 404, 404, 401];

const ROWS: Row[] = [
  {
    route: 'GET /health',
    call: () => '/health',
    expect: [200, 200, 200, 200, 200],
  },
  {
    route: 'GET /servers/:direction',
    call: () => '/servers/incoming',
    expect: adminRead,
  },
  {
    route: 'POST /servers/:direction',
    call: () => ({ path: '/servers/outgoing', body: {} }),
    expect: adminChange(400),
  },
  {
    route: 'GET /servers/:direction/:id',
    call: ids => `/servers/incoming/${ids.itDesk}`,
    expect: adminRead,
  },
  {
    route: 'PUT /servers/:direction/:id',
    call: ids => ({ path: `/servers/incoming/${ids.itDesk}`, body: {} }),
    expect: adminChange(400),
  },
  {
    route: 'DELETE /servers/:direction/:id',
    call: () => '/servers/incoming/no-such-server',
    expect: adminChange(404),
  },
  {
    route: 'POST /servers/:direction/:id/test',
    call: ids => ({ path: `/servers/incoming/${ids.itDesk}/test`, body: {} }),
    expect: adminChange(400),
  },
  {
    route: 'POST /servers/incoming/:id/sample',
    call: ids => ({ path: `/servers/incoming/${ids.itDesk}/sample`, body: {} }),
    expect: adminChange(400),
  },
  {
    route: 'POST /servers/incoming/:id/sync',
    call: ids => ({ path: `/servers/incoming/${ids.itDesk}/sync`, body: {} }),
    expect: adminChange(400),
  },
  {
    route: 'GET /servers/incoming/:id/activity',
    call: ids => `/servers/incoming/${ids.itDesk}/activity`,
    expect: adminRead,
  },
  {
    route: 'POST /servers/incoming/:id/resume',
    call: () => ({ path: '/servers/incoming/no-such-server/resume', body: {} }),
    expect: adminChange(404),
  },
  { route: 'GET /proxies', call: () => '/proxies', expect: adminRead },
  {
    route: 'POST /proxies',
    call: () => ({ path: '/proxies', body: {} }),
    expect: adminChange(400),
  },
  {
    route: 'PUT /proxies/:id',
    call: () => ({ path: '/proxies/no-such-proxy', body: {} }),
    expect: adminChange(400),
  },
  {
    route: 'DELETE /proxies/:id',
    call: () => '/proxies/no-such-proxy',
    expect: adminChange(404),
  },
  { route: 'GET /preferences', call: () => '/preferences', expect: adminRead },
  {
    route: 'PUT /preferences',
    call: () => ({ path: '/preferences', body: {} }),
    expect: adminChange(400),
  },
  {
    route: 'GET /audit/config',
    call: () => '/audit/config',
    expect: adminRead,
  },
  {
    route: 'GET /rules/outgoing',
    call: () => '/rules/outgoing',
    expect: adminRead,
  },
  {
    route: 'PUT /rules/outgoing',
    call: () => ({ path: '/rules/outgoing', body: {} }),
    expect: adminChange(400),
  },
  {
    route: 'GET /rules/incoming',
    call: () => '/rules/incoming',
    expect: adminRead,
  },
  {
    route: 'PUT /rules/incoming',
    call: () => ({ path: '/rules/incoming', body: {} }),
    expect: adminChange(400),
  },
  {
    route: 'POST /rules/simulate',
    call: () => ({ path: '/rules/simulate', body: {} }),
    expect: adminChange(400),
  },
  {
    route: 'GET /oauth/redirect-url',
    call: () => '/oauth/redirect-url',
    expect: adminRead,
  },
  {
    route: 'POST /oauth/start',
    call: () => ({ path: '/oauth/start', body: {} }),
    expect: adminChange(400),
  },
  // The provider's redirect carries no credentials; without a state it is refused.
  {
    route: 'GET /oauth/callback',
    call: () => '/oauth/callback',
    expect: [400, 400, 400, 400, 400],
  },
  { route: 'GET /messages', call: () => '/messages', expect: filteredList },
  {
    route: 'GET /messages/:id',
    call: ids => `/messages/${ids.printerMessage}`,
    expect: itSupportItem,
  },
  {
    route: 'GET /messages/:id/raw',
    call: ids => `/messages/${ids.printerMessage}/raw`,
    expect: itSupportItem,
  },
  // Replay needs emails.server.manage first: nobody else learns whether the message exists.
  {
    route: 'POST /messages/:id/replay',
    call: ids => ({ path: `/messages/${ids.itNoise}/replay`, body: {} }),
    expect: adminChange(200),
  },
  { route: 'GET /tickets', call: () => '/tickets', expect: filteredList },
  {
    route: 'GET /tickets/:id',
    call: ids => `/tickets/${ids.printer}`,
    expect: itSupportItem,
  },
  {
    route: 'POST /tickets/:id/replies',
    call: ids => ({ path: `/tickets/${ids.printer}/replies`, body: {} }),
    expect: adminChange(400),
  },
  {
    route: 'POST /tickets/:id/close',
    call: ids => ({
      path: `/tickets/${ids.printer}/close`,
      body: { notifyRequester: 'yes' },
    }),
    expect: adminChange(400),
  },
  {
    route: 'POST /tickets/:id/reopen',
    call: ids => ({ path: `/tickets/${ids.printer}/reopen`, body: {} }),
    expect: adminChange(409),
  },
  {
    route: 'POST /tickets/:id/entries/:entryId/publish',
    call: ids => ({
      path: `/tickets/${ids.quote}/entries/0/publish`,
      body: {},
    }),
    expect: adminChange(404),
  },
  {
    route: 'POST /tickets/:id/entries/:entryId/dismiss',
    call: ids => ({
      path: `/tickets/${ids.quote}/entries/0/dismiss`,
      body: {},
    }),
    expect: adminChange(404),
  },
  {
    route: 'GET /attachments/:id',
    call: ids => `/attachments/${ids.printerFile}`,
    expect: itSupportItem,
  },
  { route: 'GET /outbound', call: () => '/outbound', expect: adminRead },
  {
    route: 'GET /outbound/:id',
    call: ids => `/outbound/${ids.outbound}`,
    expect: adminRead,
  },
  // Other backend plugins only (service credentials): every user is refused.
  {
    route: 'POST /outbound',
    call: () => ({ path: '/outbound', body: {} }),
    expect: [403, 403, 403, 403, 401],
  },
  {
    route: 'POST /outbound/:id/retry',
    call: () => ({ path: '/outbound/no-such-message/retry', body: {} }),
    expect: adminChange(404),
  },
  // Backstage's permission integration: the permission backend (a service) applies conditions.
  {
    route: 'GET /.well-known/backstage/permissions/metadata',
    call: () => '/.well-known/backstage/permissions/metadata',
    expect: filteredList,
  },
  {
    route: 'POST /.well-known/backstage/permissions/apply-conditions',
    call: () => ({
      path: '/.well-known/backstage/permissions/apply-conditions',
      body: { items: [] },
    }),
    expect: [403, 403, 403, 403, 401],
  },
];

const NOISE = {
  type: 'ignore',
  emails: ['noise@example.com'],
  domains: [],
  keywords: [],
};

/**
 * Two SMTP push mailboxes, of it-support and of sales; a ticket with a file
 * in each, and in each a message the filter ignores (no ticket).
 */
async function arrange() {
  const backend = await startEmailsBackend({
    smtpPush: { enabled: true, host: '127.0.0.1', port: 0 },
  });
  const { call, logger } = backend;
  const port = Number(
    logger.info.mock.calls
      .map(([line]) => /SMTP push listening on [\d.]+:(\d+)/.exec(String(line)))
      .find(Boolean)![1],
  );
  const desk = async (name: string, technicianGroup: string) => {
    const made = await call('admin', 'post', '/servers/incoming', {
      name,
      email: `${name}@example.com`,
      protocol: 'smtp-push',
      technicianGroup,
      filter: NOISE,
    });
    expect(made.status).toBe(201);
    return made.body.id as string;
  };
  const itDesk = await desk('it-desk', 'group:default/it-support');
  const salesDesk = await desk('sales-desk', 'group:default/sales');
  const outgoing = await call('admin', 'post', '/servers/outgoing', {
    name: 'Nowhere',
    email: 'it-desk@example.com',
    protocol: 'smtp',
    host: '127.0.0.1',
    port: 9,
    security: 'none',
    authNeeded: false,
    primary: true,
  });
  expect(outgoing.status).toBe(201);

  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
  });
  const send = (to: string, from: string, subject: string) =>
    transport.sendMail({
      from,
      to: `${to}@example.com`,
      subject,
      text: subject,
      attachments: [{ filename: 'notes.txt', content: 'notes' }],
    });
  try {
    await send('it-desk', 'rita@example.com', 'Printer');
    await send('sales-desk', 'rita@example.com', 'Quote');
    await send('it-desk', 'noise@example.com', 'Win');
    await send('sales-desk', 'noise@example.com', 'Prize');
  } finally {
    transport.close();
  }
  const messages: any[] = await waitFor(async () => {
    const { items } = (await call('admin', 'get', '/messages')).body;
    const done = items.filter((m: any) => m.status !== 'received');
    return done.length === 4 ? items : undefined;
  }, 'the four messages to be processed');
  const bySubject = (subject: string) =>
    messages.find(m => m.subject === subject);
  const printer = await call(
    'admin',
    'get',
    `/tickets/${bySubject('Printer').ticketId}`,
  );
  const queued = await request(backend.server)
    .post('/api/emails/outbound')
    .set('Authorization', mockCredentials.service.header())
    .send({ to: ['rita@example.com'], subject: 'Hello', text: 'Hi' });
  expect(queued.status).toBe(202);
  return {
    backend,
    ids: {
      itDesk,
      salesDesk,
      printer: bySubject('Printer').ticketId as string,
      quote: bySubject('Quote').ticketId as string,
      printerMessage: bySubject('Printer').id as string,
      itNoise: bySubject('Win').id as string,
      printerFile: printer.body.entries[0].attachments[0].id as string,
      outbound: queued.body.id as string,
    },
    subjects: (ids: string[]) =>
      ids.map(id => messages.find(m => m.id === id)!.subject).sort(),
  };
}

describe('who may call each route', () => {
  let arranged: Awaited<ReturnType<typeof arrange>>;

  beforeAll(async () => {
    arranged = await arrange();
  });

  it('has a row for every route of the router, and no row for a route it lacks', () => {
    const routes = listRoutes(arranged.backend.server, '/api/emails');
    expect(ROWS.map(r => r.route).sort()).toEqual(routes.sort());
  });

  it.each(ROWS.map(row => [row.route, row] as const))(
    '%s',
    async (_route, row) => {
      const called = row.call(arranged.ids);
      const { path, body } =
        typeof called === 'string' ? { path: called, body: undefined } : called;
      const method = row.route.split(' ')[0].toLowerCase() as
        | 'get'
        | 'post'
        | 'put'
        | 'delete';
      const got: Record<string, number> = {};
      for (const caller of CALLERS) {
        got[caller] = (
          await arranged.backend.call(caller, method, path, body)
        ).status;
      }
      expect(got).toEqual(
        Object.fromEntries(CALLERS.map((c, i) => [c, row.expect[i]])),
      );
    },
  );

  it.each([
    ['admin', ['Printer', 'Quote']],
    ['technician', ['Printer']],
    ['otherTechnician', ['Quote']],
    ['noGroup', []],
  ] as const)(
    'lists to %s the tickets of their groups: %j',
    async (caller, titles) => {
      const { call } = arranged.backend;
      const titlesOf = async (path: string) =>
        (await call(caller, 'get', path)).body.items
          .map((t: any) => t.title)
          .sort();
      expect(await titlesOf('/tickets')).toEqual(titles);
      // A catalog card's list is the same list, narrowed to the entity.
      const quote = titles.filter(t => t === 'Quote');
      expect(await titlesOf('/tickets?entityRef=group:default/sales')).toEqual(
        quote,
      );
      expect(
        await titlesOf(
          `/tickets?entityRef=resource:default/incoming-${arranged.ids.salesDesk}`,
        ),
      ).toEqual(quote);
    },
  );

  it.each([
    ['admin', ['Printer', 'Prize', 'Quote', 'Win']],
    ['technician', ['Printer', 'Win']],
    ['otherTechnician', ['Prize', 'Quote']],
    ['noGroup', []],
  ] as const)(
    'lists to %s the messages of their tickets and of their mailboxes: %j',
    async (caller, subjects) => {
      const { items } = (
        await arranged.backend.call(caller, 'get', '/messages')
      ).body;
      expect(arranged.subjects(items.map((m: any) => m.id))).toEqual(subjects);
    },
  );

  it('lets the permission backend apply the conditions to tickets by id', async () => {
    const { ids } = arranged;
    const condition = {
      rule: 'IS_IN_TECHNICIAN_GROUP',
      resourceType: 'emails-ticket',
      params: { groups: ['group:default/it-support'] },
    };
    const res = await request(arranged.backend.server)
      .post('/api/emails/.well-known/backstage/permissions/apply-conditions')
      .set('Authorization', mockCredentials.service.header())
      .send({
        items: [
          {
            id: '1',
            resourceRef: ids.printer,
            resourceType: 'emails-ticket',
            conditions: condition,
          },
          {
            id: '2',
            resourceRef: ids.quote,
            resourceType: 'emails-ticket',
            conditions: condition,
          },
          {
            id: '3',
            resourceRef: '999999',
            resourceType: 'emails-ticket',
            conditions: { not: condition },
          },
        ],
      });
    expect(res.body).toEqual({
      items: [
        { id: '1', result: 'ALLOW' },
        { id: '2', result: 'DENY' },
        { id: '3', result: 'DENY' },
      ],
    });
  });
});
