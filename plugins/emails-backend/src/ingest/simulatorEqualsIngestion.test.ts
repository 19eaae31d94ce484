import { TestDatabases } from '@backstage/backend-test-utils';
import {
  IncomingEmailRule,
  RuleSimulation,
  TraceEntry,
} from '@internal/plugin-emails-common';
import {
  EmailsTicketing,
  NewTicketFromEmail,
} from '@internal/plugin-emails-node';
import { DEFAULT_REGEX_LIMITS } from '../rules';
import { mail, startPipeline } from './__testUtils__/pipeline';
import { mime4jCorpus } from './steps/__testUtils__/mimeCorpus';

jest.setTimeout(180_000);

const RULES: IncomingEmailRule[] = [
  {
    id: 'quarantine',
    name: 'Invoices from outside',
    enabled: true,
    match: 'all',
    conditions: [
      { field: 'subject', operator: 'contains', values: ['invoice'] },
      { field: 'senderDomain', operator: 'isNot', values: ['example.com'] },
    ],
    actions: [{ type: 'quarantine' }],
    stopProcessing: true,
  },
  {
    id: 'ignore',
    name: 'Newsletters',
    enabled: true,
    match: 'any',
    conditions: [
      {
        field: 'header',
        header: 'List-Id',
        operator: 'contains',
        values: ['news'],
      },
      { field: 'subject', operator: 'startsWith', values: ['newsletter'] },
    ],
    actions: [{ type: 'ignore' }],
    stopProcessing: false,
  },
  {
    id: 'printers',
    name: 'Printers',
    enabled: true,
    match: 'any',
    conditions: [
      { field: 'subject', operator: 'matchesRegex', values: ['print(er|ing)'] },
      { field: 'body', operator: 'contains', values: ['toner'] },
    ],
    actions: [
      { type: 'technicianGroup', value: 'group:default/printing' },
      { type: 'priority', value: 'High' },
      { type: 'addCc', values: ['lead@example.com'] },
      { type: 'setField', field: 'floor', value: '4' },
      { type: 'assignTo', value: 'user:default/tom' },
    ],
    stopProcessing: false,
  },
  {
    id: 'off',
    name: 'Disabled',
    enabled: false,
    match: 'any',
    conditions: [],
    actions: [{ type: 'ignore' }],
    stopProcessing: false,
  },
];

/** Messages that hit each rule, a reply and an automatic one. */
function composed(): { name: string; raw: Buffer }[] {
  const head = (subject: string, extra: Record<string, string> = {}) => ({
    From: 'Rita <rita@example.com>',
    To: 'support@example.com',
    Subject: subject,
    ...extra,
  });
  const m = (name: string, subject: string, body: string, extra = {}) => ({
    name,
    raw: Buffer.from(
      mail(head(subject, { 'Message-ID': `<${name}@x>`, ...extra }), body),
    ),
  });
  return [
    m('printer', 'Printer jam', 'Paper everywhere.'),
    m('toner', 'Help', 'Out of toner again.'),
    m('invoice-outside', 'Your invoice', 'Pay now.', {
      From: 'billing@evil.test',
    }),
    m('invoice-inside', 'Invoice question', 'Which cost centre?'),
    m('newsletter', 'Weekly', 'News.', { 'List-Id': '<news.example.com>' }),
    m('reply', 'Re: [REQ-1] Printer jam', 'Fixed now, thanks.'),
    m('auto', 'Out of office', 'Back Monday.', {
      'Auto-Submitted': 'auto-replied',
    }),
  ];
}

/** A trace as a sequence of decisions, without times, ids and the record step. */
function decisions(trace: TraceEntry[]): string[] {
  return trace
    .filter(t => t.step !== 'record')
    .map(t =>
      `${t.step}: ${t.decision}`.replace(
        /created (REQ-\d+|a new ticket)/,
        'created <the ticket>',
      ),
    );
}

describe('the rule simulator', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('decides what ingestion then does, for the whole corpus and messages hitting rules', async () => {
    const created = new Map<string, NewTicketFromEmail>();
    const { ingest, deliver, server, stores, knex } = await startPipeline(
      databases,
      'SQLITE_3',
      {
        acknowledge: true,
        incomingRules: RULES,
        // A busy machine can hold a regular expression past 50 ms in one of the two runs.
        regexLimits: {
          ...DEFAULT_REGEX_LIMITS,
          timeoutMs: 10_000,
          budgetMs: 60_000,
        },
        ticketing: (builtIn): EmailsTicketing => ({
          findTicket: id => builtIn.findTicket(id),
          findTicketByReference: r => builtIn.findTicketByReference(r),
          appendEntry: e => builtIn.appendEntry(e),
          reopenTicket: id => builtIn.reopenTicket(id),
          createTicket: async ticket => {
            const made = await builtIn.createTicket(ticket);
            created.set(made.id, ticket);
            return made;
          },
        }),
      },
    );
    const messages = [
      ...composed(),
      ...mime4jCorpus().map(c => ({ name: c.name, raw: c.raw })),
    ];
    expect(messages.length).toBeGreaterThan(80);
    const statuses = new Set<string>();
    for (const message of messages) {
      const simulation = await ingest.simulate({
        raw: message.raw,
        serverId: server.id,
      });
      const { outcome } = await deliver(message.raw);
      statuses.add(outcome.status);
      const [row] = await knex('inbound_messages').where({ id: outcome.id });
      expect({
        message: message.name,
        status: simulation.outcome.status,
      }).toEqual({
        message: message.name,
        status: outcome.status,
      });
      expect(simulation.outcome.reason).toBe(outcome.reason);
      expect(decisions(simulation.trace)).toEqual(
        decisions(JSON.parse(row.trace)),
      );
      await expectSameTicket(simulation, outcome.ticketId, { stores, created });
    }
    expect([...statuses].sort()).toEqual(
      expect.arrayContaining([
        'appended',
        'ignored',
        'quarantined',
        'ticketed',
      ]),
    );
  });
});

async function expectSameTicket(
  simulation: RuleSimulation,
  ticketId: string | undefined,
  deps: {
    stores: Awaited<ReturnType<typeof startPipeline>>['stores'];
    created: Map<string, NewTicketFromEmail>;
  },
) {
  const simulated = simulation.outcome.ticket;
  if (!ticketId) {
    expect(simulated).toBeUndefined();
    return;
  }
  if (simulated?.action === 'append') {
    expect(simulated.ticketId).toBe(ticketId);
    return;
  }
  const ticket = await deps.stores.tickets.get(ticketId);
  const input = deps.created.get(ticketId)!;
  expect(simulated).toEqual({
    action: 'create',
    subject: ticket.title,
    requester: ticket.requester.email,
    technicianGroup: ticket.technicianGroup,
    category: ticket.category,
    company: ticket.company,
    assignTo: ticket.assigneeRef,
    cc: ticket.ccEmails,
    priority: input.priority,
    requestType: input.requestType,
    fields: input.fields ?? {},
  });
}
