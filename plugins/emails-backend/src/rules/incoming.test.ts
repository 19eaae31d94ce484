import {
  IncomingEmailRule,
  IncomingRuleCondition,
} from '@internal/plugin-emails-common';
import { evaluateIncomingRules } from './incoming';

const rule = (over: Partial<IncomingEmailRule>): IncomingEmailRule => ({
  id: over.name ?? 'r',
  name: 'r',
  enabled: true,
  match: 'all',
  conditions: [],
  actions: [],
  stopProcessing: false,
  ...over,
});

const printer: IncomingRuleCondition = {
  field: 'subject',
  operator: 'contains',
  values: ['printer'],
};
const vip: IncomingRuleCondition = {
  field: 'from',
  operator: 'inList',
  values: ['ceo@shop.example'],
};
const facts = {
  subject: ['Printer jammed'],
  from: ['jane@shop.example'],
};

describe('evaluateIncomingRules', () => {
  it.each([
    ['all, one condition failing', 'all', false],
    ['any, one condition holding', 'any', true],
  ] as const)('match %s', (_title, match, matched) => {
    const outcome = evaluateIncomingRules(
      [rule({ name: 'x', match, conditions: [printer, vip] })],
      facts,
    );
    expect(outcome.rules[0].status).toBe(matched ? 'matched' : 'not matched');
    // Every condition is explained, also after the one that decided.
    expect(outcome.rules[0].conditions.map(c => c.holds)).toEqual([
      true,
      false,
    ]);
  });

  it('skips disabled rules and the rules after one that stops processing', () => {
    const outcome = evaluateIncomingRules(
      [
        rule({ name: 'off', enabled: false, conditions: [printer] }),
        rule({ name: 'miss', conditions: [vip] }),
        rule({ name: 'stop', conditions: [printer], stopProcessing: true }),
        rule({ name: 'after', conditions: [printer] }),
      ],
      facts,
    );
    expect(outcome.matched.map(r => r.name)).toEqual(['stop']);
    expect(outcome.rules.map(r => [r.ruleName, r.status])).toEqual([
      ['off', 'skipped'],
      ['miss', 'not matched'],
      ['stop', 'matched'],
      ['after', 'skipped'],
    ]);
    expect(outcome.explanations).toEqual([
      "rule 'off': skipped, disabled",
      "rule 'miss': not matched (all of 1)",
      "rule 'miss': from inList 'ceo@shop.example': not matched",
      "rule 'stop': matched (all of 1)",
      "rule 'stop': subject contains 'printer': matched 'Printer jammed'",
      "rule 'after': skipped, rule 'stop' stopped processing",
    ]);
  });

  it('merges actions: the first rule to set a field keeps it, CCs add up', () => {
    const outcome = evaluateIncomingRules(
      [
        rule({
          name: 'hardware',
          conditions: [printer],
          actions: [
            { type: 'category', value: 'Hardware' },
            { type: 'addCc', values: ['ops@shop.example'] },
            { type: 'setField', field: 'impact', value: 'Low' },
          ],
        }),
        rule({
          name: 'printers',
          conditions: [printer],
          actions: [
            { type: 'category', value: 'Printers' },
            { type: 'priority', value: 'High' },
            { type: 'technicianGroup', value: 'group:default/print' },
            { type: 'requestType', value: 'Incident' },
            { type: 'company', value: 'Shop' },
            { type: 'assignTo', value: 'user:default/bob' },
            {
              type: 'addCc',
              values: ['OPS@shop.example', 'lead@shop.example'],
            },
            { type: 'setField', field: 'impact', value: 'High' },
            { type: 'setField', field: 'site', value: 'Berlin' },
            { type: 'quarantine' },
          ],
        }),
        rule({
          name: 'ignore',
          conditions: [printer],
          actions: [{ type: 'ignore' }],
        }),
      ],
      facts,
    );
    expect(outcome.actions).toEqual({
      category: 'Hardware',
      priority: 'High',
      technicianGroup: 'group:default/print',
      requestType: 'Incident',
      company: 'Shop',
      assignTo: 'user:default/bob',
      addCc: ['ops@shop.example', 'lead@shop.example'],
      fields: { impact: 'Low', site: 'Berlin' },
      disposition: 'quarantine',
    });
    expect(outcome.explanations).toEqual(
      expect.arrayContaining([
        "rule 'hardware': set category to 'Hardware'",
        "rule 'printers': category not changed, rule 'hardware' set it first",
        "rule 'printers': field impact not changed, rule 'hardware' set it first",
        "rule 'printers': quarantine",
        "rule 'ignore': ignore or quarantine not changed, rule 'printers' set it first",
      ]),
    );
  });

  it('changes nothing when no rule matches', () => {
    const outcome = evaluateIncomingRules(
      [rule({ name: 'vip', conditions: [vip] })],
      facts,
    );
    expect(outcome.matched).toEqual([]);
    expect(outcome.actions).toEqual({ addCc: [], fields: {} });
  });
});
