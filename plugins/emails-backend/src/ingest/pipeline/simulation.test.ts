import { TestDatabases } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { mail, startPipeline } from '../__testUtils__/pipeline';

jest.setTimeout(60_000);

/** Rows of every table, by table: a simulation must change none. */
async function rowCounts(knex: Knex): Promise<Record<string, number>> {
  const tables: { name: string }[] = await knex('sqlite_master')
    .where({ type: 'table' })
    .select('name');
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }] = await knex(name).count({ n: '*' });
    counts[name] = Number(n);
  }
  return counts;
}

const message = (subject: string, id: string) =>
  Buffer.from(
    mail(
      {
        From: 'Rita <rita@example.com>',
        To: 'support@example.com',
        Subject: subject,
        'Message-ID': `<${id}@example.com>`,
      },
      'The printer in room 4 is on fire.',
    ),
  );

describe('the rule simulator', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function start() {
    return startPipeline(databases, 'SQLITE_3', {
      acknowledge: true,
      incomingRules: [
        {
          id: 'r1',
          name: 'Printers',
          enabled: true,
          match: 'all',
          conditions: [
            { field: 'subject', operator: 'contains', values: ['printer'] },
          ],
          actions: [
            { type: 'category', value: 'Printers' },
            { type: 'priority', value: 'High' },
            { type: 'addCc', values: ['lead@example.com'] },
            { type: 'setField', field: 'impact', value: 'Floor' },
          ],
          stopProcessing: true,
        },
        {
          id: 'r2',
          name: 'Never reached',
          enabled: true,
          match: 'any',
          conditions: [],
          actions: [{ type: 'ignore' }],
          stopProcessing: false,
        },
      ],
    });
  }

  it('shows the trace, every rule, the ticket and the acknowledgement, and writes nothing', async () => {
    const { ingest, server, knex } = await start();
    // An earlier message, so the tables are not all empty.
    await ingest.process(
      (
        await ingest.record(
          { serverId: server.id, sourceId: 's1' },
          message('Hello', 'a'),
        )
      ).id,
    );
    const before = await rowCounts(knex);
    const simulation = await ingest.simulate({
      raw: message('Printer on fire', 'b'),
      serverId: server.id,
    });
    expect(await rowCounts(knex)).toEqual(before);
    expect(before.outbound_messages).toBe(1);

    expect(simulation.serverId).toBe(server.id);
    expect(simulation.outcome.status).toBe('ticketed');
    expect(simulation.outcome.ticket).toEqual({
      action: 'create',
      subject: 'Printer on fire',
      requester: 'rita@example.com',
      technicianGroup: 'group:default/it-support',
      category: 'Printers',
      priority: 'High',
      requestType: undefined,
      company: 'Example Corp',
      assignTo: undefined,
      cc: ['lead@example.com'],
      fields: { impact: 'Floor' },
    });
    expect(simulation.outcome.acknowledgement).toMatchObject({
      sent: true,
      to: 'rita@example.com',
    });
    expect(simulation.rules.map(r => [r.ruleName, r.status, r.reason])).toEqual(
      [
        ['Printers', 'matched', undefined],
        ['Never reached', 'skipped', "rule 'Printers' stopped processing"],
      ],
    );
    expect(simulation.rules[0].applied).toContain("set category to 'Printers'");
    expect(simulation.trace.map(t => t.step)).toEqual(
      expect.arrayContaining([
        'record',
        'parse',
        'classify',
        'authenticate',
        'filter',
        'rules',
        'thread',
        'ticket',
        'acknowledge',
      ]),
    );
  });

  it('simulates a stored message by its id, at its own server or another', async () => {
    const { ingest, server, stores, knex } = await start();
    const recorded = await ingest.record(
      { serverId: server.id, sourceId: 's1' },
      message('Printer again', 'c'),
    );
    await ingest.process(recorded.id);
    const other = await stores.incomingServers.create({
      name: 'HR',
      email: 'hr@example.com',
      protocol: 'imap',
      enabled: true,
      primary: false,
      technicianGroup: 'group:default/hr',
      settings: {},
    });
    const before = await rowCounts(knex);
    const stored = await stores.inboundMessages.get(recorded.id);
    const own = await ingest.simulate({ messageId: recorded.id });
    const elsewhere = await ingest.simulate({
      messageId: recorded.id,
      serverId: other.id,
    });
    expect(await rowCounts(knex)).toEqual(before);
    expect(own.serverId).toBe(server.id);
    expect(own.outcome.ticket?.category).toBe('Printers');
    expect(elsewhere.outcome.ticket?.technicianGroup).toBe('group:default/hr');
    // The stored message keeps its status and trace: the simulation adds nothing.
    expect(await stores.inboundMessages.get(recorded.id)).toEqual(stored);
    expect(own.trace[0]).toMatchObject({
      step: 'record',
      decision: 'simulated',
    });
  });

  it('asks for serverId when the message has no stored server, or names an unknown one', async () => {
    const { ingest } = await start();
    const raw = message('Printer', 'd');
    await expect(ingest.simulate({ raw })).rejects.toThrow(
      new InputError(
        'serverId: name the incoming server the message arrives at',
      ),
    );
    await expect(ingest.simulate({ raw, serverId: 'nope' })).rejects.toThrow(
      /serverId: is not an incoming server \(nope\)/,
    );
  });
});
