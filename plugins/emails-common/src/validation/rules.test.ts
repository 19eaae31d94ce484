import { validateOutgoingRules } from './rules';

const rule = {
  name: 'EU customers',
  conditions: [
    { field: 'requesterDomain', operator: 'is', values: ['@Example.EU'] },
  ],
  actions: [{ type: 'useOutgoingServer', serverId: 'srv-eu' }],
};

function issuesOf(body: unknown) {
  const result = validateOutgoingRules(body);
  return result.ok ? [] : result.issues.map(i => `${i.field} ${i.message}`);
}

describe('validateOutgoingRules', () => {
  it('fills the defaults and normalises domains and group references', () => {
    const result = validateOutgoingRules({
      version: 0,
      rules: [
        rule,
        {
          ...rule,
          name: 'Network team',
          match: 'any',
          conditions: [
            { field: 'technicianGroup', operator: 'is', values: ['Network'] },
            { field: 'technicianGroup', operator: 'contains', values: ['net'] },
          ],
        },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.rules[0]).toMatchObject({
      enabled: true,
      match: 'all',
      stopProcessing: false,
      conditions: [{ values: ['example.eu'] }],
    });
    expect(result.value.rules[1].conditions.map(c => c.values[0])).toEqual([
      'group:default/network',
      'net',
    ]);
  });

  it('names every bad field', () => {
    expect(
      issuesOf({
        version: 1,
        rules: [
          {
            ...rule,
            name: 'two\r\nlines',
            conditions: [
              { field: 'priority', operator: 'is', values: ['high'] },
              { field: 'requesterDomain', operator: 'like', values: [] },
              {
                field: 'requesterDomain',
                operator: 'is',
                values: ['not a domain'],
              },
            ],
            actions: [],
          },
        ],
      }),
    ).toEqual([
      'rules.0.name must not contain line breaks',
      expect.stringMatching(
        /^rules\.0\.conditions\.0\.field must be one of technicianGroup, /,
      ),
      expect.stringMatching(
        /^rules\.0\.conditions\.1\.operator must be one of is, isNot, /,
      ),
      'rules.0.conditions.1.values must list at least one value',
      'rules.0.conditions.2.values.0 must be a domain name like example.com',
      'rules.0.actions must have exactly one action: the outgoing server',
    ]);
    expect(
      issuesOf({
        version: 1,
        rules: [
          {
            ...rule,
            conditions: [
              {
                field: 'requesterDomain',
                operator: 'is',
                values: ['not a domain'],
              },
            ],
          },
        ],
      }),
    ).toEqual([
      'rules.0.conditions.0.values.0 must be a domain name like example.com',
    ]);
  });

  it('requires the version, a condition and an action per rule, and unique ids', () => {
    expect(issuesOf({ rules: [] })).toEqual(['version is required']);
    expect(
      issuesOf({ version: 0, rules: [{ ...rule, conditions: [] }] }),
    ).toEqual(['rules.0.conditions must have at least one condition']);
    expect(
      issuesOf({
        version: 0,
        rules: [
          { ...rule, id: 'a' },
          { ...rule, id: 'a', name: 'Other' },
          { ...rule, name: 'eu CUSTOMERS' },
        ],
      }),
    ).toEqual([
      'rules.1.id repeats the id of an earlier rule (a)',
      'rules.2.name repeats the name of an earlier rule (eu CUSTOMERS)',
    ]);
    expect(
      issuesOf({
        version: 0,
        rules: [{ ...rule, actions: [{ type: 'assignGroup', serverId: 'x' }] }],
      }),
    ).toEqual(['rules.0.actions.0.type must be useOutgoingServer']);
  });
});
