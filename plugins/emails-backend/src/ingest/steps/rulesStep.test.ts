import { TestDatabases } from '@backstage/backend-test-utils';
import {
  IncomingEmailRule,
  IncomingRuleAction,
  IncomingRuleCondition,
} from '@internal/plugin-emails-common';
import {
  EmailsTicketing,
  NewTicketFromEmail,
} from '@internal/plugin-emails-node';
import { mail, startPipeline } from '../__testUtils__/pipeline';

jest.setTimeout(60_000);

let n = 0;
function rule(
  conditions: IncomingRuleCondition[],
  actions: IncomingRuleAction[],
  extra: Partial<IncomingEmailRule> = {},
): IncomingEmailRule {
  n += 1;
  return {
    id: `r${n}`,
    name: `Rule ${n}`,
    enabled: true,
    match: 'all',
    conditions,
    actions,
    stopProcessing: false,
    ...extra,
  };
}

const subjectHas = (value: string): IncomingRuleCondition => ({
  field: 'subject',
  operator: 'contains',
  values: [value],
});

const printerMail = (subject = 'Printer on fire', body = 'Please help.') =>
  mail(
    {
      From: 'Rita <rita@example.com>',
      To: 'support@example.com',
      Subject: subject,
      'Message-ID': `<m${++n}@example.com>`,
    },
    body,
  );

/** The built-in ticketing, remembering what each new ticket was created with. */
function recording(created: NewTicketFromEmail[]) {
  return (builtIn: EmailsTicketing): EmailsTicketing => ({
    ...builtIn,
    findTicket: id => builtIn.findTicket(id),
    findTicketByReference: r => builtIn.findTicketByReference(r),
    appendEntry: e => builtIn.appendEntry(e),
    reopenTicket: id => builtIn.reopenTicket(id),
    createTicket: async ticket => {
      created.push(ticket);
      return builtIn.createTicket(ticket);
    },
  });
}

describe('the incoming email rules step', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('routes a new ticket to a technician group, category and priority, and traces why', async () => {
    const created: NewTicketFromEmail[] = [];
    const { deliver, stores, knex } = await startPipeline(
      databases,
      'SQLITE_3',
      {
        ticketing: recording(created),
        incomingRules: [
          rule(
            [subjectHas('printer')],
            [
              { type: 'technicianGroup', value: 'group:default/printing' },
              { type: 'category', value: 'Printers' },
              { type: 'priority', value: 'High' },
              { type: 'requestType', value: 'Incident' },
            ],
            { name: 'Printers' },
          ),
          rule([subjectHas('network')], [{ type: 'category', value: 'Net' }], {
            name: 'Network',
          }),
        ],
      },
    );
    const { outcome } = await deliver(printerMail());
    expect(outcome.status).toBe('ticketed');
    const ticket = await stores.tickets.get(outcome.ticketId!);
    expect(ticket.technicianGroup).toBe('group:default/printing');
    expect(ticket.category).toBe('Printers');
    // The server's company stays: no rule set one.
    expect(ticket.company).toBe('Example Corp');
    expect(created[0]).toMatchObject({
      priority: 'High',
      requestType: 'Incident',
    });
    const [row] = await knex('inbound_messages').where({ id: outcome.id });
    const trace = JSON.parse(row.trace);
    const rules = trace.filter((t: any) => t.step === 'rules');
    expect(rules.map((t: any) => t.decision)).toEqual([
      "'Printers': matched",
      "'Network': not matched",
    ]);
    expect(rules[0].detail.conditions[0]).toContain('Printer on fire');
    expect(rules[0].detail.applied).toContain("set priority to 'High'");
  });

  it('ignores or quarantines a message with the rule named as the reason', async () => {
    const { deliver, stores } = await startPipeline(databases, 'SQLITE_3', {
      incomingRules: [
        rule([subjectHas('newsletter')], [{ type: 'ignore' }], {
          name: 'No newsletters',
        }),
        rule([subjectHas('invoice')], [{ type: 'quarantine' }], {
          name: 'Suspicious invoices',
        }),
      ],
    });
    const ignored = await deliver(printerMail('Our newsletter'));
    expect(ignored.outcome).toMatchObject({
      status: 'ignored',
      reason: "Incoming email rule 'No newsletters'",
      disposition: 'exclusion',
    });
    const quarantined = await deliver(printerMail('Your invoice'));
    expect(quarantined.outcome).toMatchObject({
      status: 'quarantined',
      reason: "Incoming email rule 'Suspicious invoices'",
    });
    expect((await stores.tickets.list({})).items).toHaveLength(0);
  });

  it('adds CC users, assigns a technician and hands setField fields to the ticketing', async () => {
    const created: NewTicketFromEmail[] = [];
    const { deliver, stores } = await startPipeline(databases, 'SQLITE_3', {
      ticketing: recording(created),
      incomingRules: [
        rule(
          [{ field: 'from', operator: 'inList', values: ['@example.com'] }],
          [
            { type: 'addCc', values: ['lead@example.com', 'RITA@example.com'] },
            { type: 'assignTo', value: 'user:default/tom' },
            { type: 'setField', field: 'impact', value: 'Department' },
          ],
        ),
      ],
    });
    const { outcome } = await deliver(printerMail());
    const ticket = await stores.tickets.get(outcome.ticketId!);
    // The requester is not made a CC user of their own ticket.
    expect(ticket.ccEmails).toEqual(['lead@example.com']);
    expect(ticket.assigneeRef).toBe('user:default/tom');
    expect(created[0].fields).toEqual({ impact: 'Department' });
  });

  it('lets a disabled rule do nothing', async () => {
    const { deliver } = await startPipeline(databases, 'SQLITE_3', {
      incomingRules: [
        rule([subjectHas('printer')], [{ type: 'ignore' }], {
          enabled: false,
        }),
      ],
    });
    expect((await deliver(printerMail())).outcome.status).toBe('ticketed');
  });

  it('ignores a reply by rule, but does not re-route the ticket it continues', async () => {
    const { deliver, stores, rules } = await startPipeline(
      databases,
      'SQLITE_3',
      {},
    );
    const first = await deliver(printerMail('Printer jam'));
    const ref = `REQ-${first.outcome.ticketId}`;
    rules.current = [
      rule([subjectHas('printer')], [{ type: 'category', value: 'Other' }]),
      rule([subjectHas('stop')], [{ type: 'ignore' }]),
    ];
    const reply = await deliver(printerMail(`Re: [${ref}] Printer jam`));
    expect(reply.outcome.status).toBe('appended');
    const ticket = await stores.tickets.get(first.outcome.ticketId!);
    expect(ticket.category).toBe('Hardware');
    const stopped = await deliver(printerMail(`Re: [${ref}] stop printer`));
    expect(stopped.outcome.status).toBe('ignored');
  });

  it('is not stalled by a catastrophic regular expression', async () => {
    const { deliver, knex } = await startPipeline(databases, 'SQLITE_3', {
      incomingRules: [
        rule(
          [{ field: 'body', operator: 'matchesRegex', values: ['^(a+)+$'] }],
          [{ type: 'ignore' }],
          { name: 'Hostile' },
        ),
      ],
    });
    const started = Date.now();
    const { outcome } = await deliver(
      printerMail('Hello', `${'a'.repeat(40)}!`),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(outcome.status).toBe('ticketed');
    const [row] = await knex('inbound_messages').where({ id: outcome.id });
    const hostile = JSON.parse(row.trace).find((t: any) => t.step === 'rules');
    expect(hostile.decision).toBe("'Hostile': not matched");
    expect(hostile.detail.conditions.join(' ')).toMatch(
      /ran past its \d+ ms limit/,
    );
  });
});
