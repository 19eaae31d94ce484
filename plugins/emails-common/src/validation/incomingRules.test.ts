import { validateIncomingRules } from './incomingRules';
import { RULE_REGEX_MAX_LENGTH } from './incomingRuleConditions';

const rule = (over: Record<string, unknown> = {}) => ({
  name: 'Printers',
  conditions: [{ field: 'subject', operator: 'contains', values: ['printer'] }],
  actions: [{ type: 'category', value: 'Hardware' }],
  ...over,
});

function issuesOf(rules: unknown[]) {
  const result = validateIncomingRules({ version: 0, rules });
  return result.ok ? [] : result.issues.map(i => `${i.field} ${i.message}`);
}

describe('validateIncomingRules', () => {
  it('fills the defaults and normalises domains, results, yes/no values and refs', () => {
    const result = validateIncomingRules({
      version: 3,
      rules: [
        rule({
          match: 'any',
          conditions: [
            { field: 'senderDomain', operator: 'inList', values: ['@Shop.EU'] },
            {
              field: 'authentication',
              method: 'dmarc',
              operator: 'is',
              values: ['FAIL'],
            },
            { field: 'hasAttachment', operator: 'is', values: ['TRUE'] },
            {
              field: 'header',
              header: 'X-Priority',
              operator: 'startsWith',
              values: ['1'],
            },
            { field: 'subject', operator: 'matchesRegex', values: ['^re:'] },
          ],
          actions: [
            { type: 'technicianGroup', value: 'Network' },
            { type: 'assignTo', value: 'JDoe' },
            { type: 'addCc', values: ['boss@example.com'] },
            { type: 'setField', field: 'impact', value: 'High' },
            { type: 'setField', field: 'site', value: 'Berlin' },
            { type: 'quarantine' },
          ],
        }),
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.version).toBe(3);
    expect(result.value.rules[0]).toMatchObject({
      enabled: true,
      match: 'any',
      stopProcessing: false,
      conditions: [
        { values: ['shop.eu'] },
        { method: 'dmarc', values: ['fail'] },
        { values: ['true'] },
        { header: 'X-Priority', values: ['1'] },
        { values: ['^re:'] },
      ],
      actions: [
        { value: 'group:default/network' },
        { value: 'user:default/jdoe' },
        {},
        {},
        {},
        { type: 'quarantine' },
      ],
    });
  });

  it('names the field of a regular expression that is broken or too long', () => {
    const long = 'a'.repeat(RULE_REGEX_MAX_LENGTH + 1);
    expect(
      issuesOf([
        rule(),
        rule({ name: 'Second' }),
        rule({
          name: 'Third',
          conditions: [
            { field: 'body', operator: 'matchesRegex', values: ['(a+'] },
            {
              field: 'subject',
              operator: 'matchesRegex',
              values: ['ok', long],
            },
          ],
        }),
      ]),
    ).toEqual([
      expect.stringMatching(
        /^rules\.2\.conditions\.0\.values\.0 must be a valid regular expression \(.*\)$/,
      ),
      `rules.2.conditions.1.values.1 must be a regular expression of at most ${RULE_REGEX_MAX_LENGTH} characters`,
    ]);
    // Exactly at the limit is fine.
    expect(
      issuesOf([
        rule({
          conditions: [
            {
              field: 'body',
              operator: 'matchesRegex',
              values: ['b'.repeat(RULE_REGEX_MAX_LENGTH)],
            },
          ],
        }),
      ]),
    ).toEqual([]);
  });

  it('names every bad condition field', () => {
    expect(
      issuesOf([
        rule({
          conditions: [
            { field: 'header', operator: 'is', values: ['1'] },
            { field: 'subject', header: 'X-A', operator: 'is', values: ['x'] },
            { field: 'authentication', operator: 'is', values: ['pass'] },
            {
              field: 'authentication',
              method: 'dkim',
              operator: 'is',
              values: ['maybe'],
            },
            { field: 'automatic', operator: 'contains', values: ['yes'] },
            { field: 'from', operator: 'inList', values: ['someone'] },
            { field: 'senderDomain', operator: 'is', values: ['not a domain'] },
            { field: 'size', operator: 'is', values: ['1'] },
            {
              field: 'header',
              header: 'Bad:Name',
              operator: 'is',
              values: ['1'],
            },
          ],
        }),
      ]),
    ).toEqual([
      'rules.0.conditions.0.header is required: the name of the header, e.g. X-Priority',
      'rules.0.conditions.1.header is only for a header condition',
      'rules.0.conditions.2.method is required: spf, dkim or dmarc',
      'rules.0.conditions.3.values.0 must be one of pass, fail, softfail, neutral, none, temperror, permerror',
      'rules.0.conditions.4.operator must be is or isNot for automatic',
      'rules.0.conditions.4.values.0 must be true or false',
      'rules.0.conditions.5.values.0 must be an email address or a domain like @example.com',
      'rules.0.conditions.6.values.0 must be a domain name like example.com',
      expect.stringMatching(
        /^rules\.0\.conditions\.7\.field must be one of mailbox, from, /,
      ),
      'rules.0.conditions.8.header must be a header name such as X-Priority',
    ]);
  });

  it('allows long lists only with inList', () => {
    const many = Array.from({ length: 150 }, (_, i) => `user${i}@example.com`);
    expect(
      issuesOf([
        rule({
          conditions: [{ field: 'from', operator: 'inList', values: many }],
        }),
      ]),
    ).toEqual([]);
    expect(
      issuesOf([
        rule({ conditions: [{ field: 'from', operator: 'is', values: many }] }),
      ]),
    ).toEqual([
      'rules.0.conditions.0.values must list at most 100 values; use inList for more',
    ]);
  });

  it('names every bad action and refuses one rule deciding a field twice', () => {
    expect(
      issuesOf([
        rule({
          actions: [
            { type: 'escalate' },
            { type: 'priority' },
            { type: 'addCc', values: ['not-an-address'] },
            { type: 'setField', field: '1st', value: 'x' },
            { type: 'assignTo', value: 'user:default/bob smith' },
          ],
        }),
        rule({
          name: 'Twice',
          actions: [
            { type: 'category', value: 'A' },
            { type: 'category', value: 'B' },
            { type: 'setField', field: 'impact', value: 'x' },
            { type: 'setField', field: 'Impact', value: 'y' },
            { type: 'ignore' },
            { type: 'quarantine' },
          ],
        }),
      ]),
    ).toEqual([
      expect.stringMatching(
        /^rules\.0\.actions\.0\.type must be one of technicianGroup, /,
      ),
      'rules.0.actions.1.value is required',
      'rules.0.actions.2.values.0 must be a valid email address like name@example.com',
      'rules.0.actions.3.field must be a ticket field name such as impact or custom.site',
      'rules.0.actions.4.value must be a user reference such as user:default/jdoe',
      'rules.1.actions.1.type repeats an earlier category action of this rule',
      'rules.1.actions.3.type repeats an earlier setField:impact action of this rule',
      'rules.1.actions.5.type repeats an earlier ignore or quarantine action',
    ]);
  });

  it('requires the version, conditions and actions, and unique names', () => {
    const result = validateIncomingRules({
      rules: [rule({ conditions: [], actions: [] })],
    });
    expect(result.ok ? [] : result.issues.map(i => i.field)).toEqual([
      'rules.0.conditions',
      'rules.0.actions',
      'version',
    ]);
    expect(
      issuesOf([rule({ id: 'r1' }), rule({ id: 'r1', name: 'PRINTERS' })]),
    ).toEqual([
      'rules.1.name repeats the name of an earlier rule (PRINTERS)',
      'rules.1.id repeats the id of an earlier rule (r1)',
    ]);
  });
});
