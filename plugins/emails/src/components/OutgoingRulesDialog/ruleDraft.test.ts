import { incomingServer, outgoingRule } from '../__testUtils__';
import { mailboxChoices } from './options';
import {
  changeCondition,
  moveItem,
  newRuleDraft,
  toRuleDraft,
  toRulesBody,
} from './ruleDraft';
import {
  ruleErrorFields,
  ruleFieldLabel,
  summarizeRuleErrors,
} from './ruleErrors';

describe('rule drafts', () => {
  it('round-trips saved rules unchanged, ids and order included', () => {
    const rules = [
      outgoingRule(),
      outgoingRule({
        id: 'rule-net',
        name: 'Network',
        enabled: false,
        match: 'any',
        stopProcessing: true,
        conditions: [
          { field: 'subject', operator: 'contains', values: ['VPN', 'WAN'] },
          { field: 'mailbox', operator: 'is', values: ['in-1'] },
        ],
        actions: [{ type: 'useOutgoingServer', serverId: 'out-1' }],
      }),
    ];
    expect(toRulesBody(rules.map(toRuleDraft), 5)).toEqual({
      version: 5,
      rules,
    });
  });

  it('sends a new rule without an id, its name trimmed and its one action', () => {
    const draft = { ...newRuleDraft(), name: '  EU  ', serverId: 'out-eu' };
    const [body] = toRulesBody([draft], 0).rules;
    expect(body).not.toHaveProperty('id');
    expect(body).toMatchObject({
      name: 'EU',
      enabled: true,
      match: 'all',
      actions: [{ type: 'useOutgoingServer', serverId: 'out-eu' }],
      stopProcessing: false,
    });
    expect(body.conditions).toHaveLength(1);
  });

  it('drops the values when a condition switches between typed text and picked mailboxes', () => {
    const typed = {
      key: 'c',
      field: 'subject',
      operator: 'is' as const,
      values: ['VPN'],
    };
    expect(changeCondition(typed, { field: 'category' }).values).toEqual([
      'VPN',
    ]);
    const mailbox = changeCondition(typed, { field: 'mailbox' });
    expect(mailbox.values).toEqual([]);
    const picked = { ...mailbox, values: ['in-1'] };
    expect(changeCondition(picked, { operator: 'isNot' }).values).toEqual([
      'in-1',
    ]);
    expect(changeCondition(picked, { operator: 'contains' }).values).toEqual(
      [],
    );
  });

  it('moves a rule and leaves the list alone at either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    const list = ['a', 'b'];
    expect(moveItem(list, 0, -1)).toBe(list);
    expect(moveItem(list, 1, 1)).toBe(list);
  });
});

describe('rule errors', () => {
  const drafts = [
    { ...toRuleDraft(outgoingRule()) },
    { ...newRuleDraft(), name: '' },
  ];

  it('knows every input of every rule by its API path', () => {
    const fields = ruleErrorFields(drafts);
    expect(fields).toContain('rules.0.conditions.0.values');
    expect(fields).toContain('rules.1.actions');
    expect(fields).toContain('rules.1');
    expect(fields).not.toContain('rules.2.name');
  });

  it('labels paths as the editor does and names the rule in the summary', () => {
    expect(ruleFieldLabel('rules.0.conditions.1.values')).toBe('Values');
    expect(ruleFieldLabel('rules.3.actions')).toBe('Outgoing Email Server');
    expect(ruleFieldLabel('rules.3')).toBe('Rule 4');
    expect(
      summarizeRuleErrors(
        {
          'rules.0.conditions.0.values':
            'Values (entry 1) must be a domain name like example.com',
          'rules.1.name': 'Rule Name is required',
          'rules.0': 'Rule 1 repeats the id of an earlier rule (x)',
        },
        drafts,
      ),
    ).toEqual([
      'Rule 1 “EU customers”: Values (entry 1) must be a domain name like example.com',
      'Rule 2: Rule Name is required',
      'Rule 1 “EU customers” repeats the id of an earlier rule (x)',
    ]);
  });
});

describe('mailboxChoices', () => {
  it('lists incoming servers by name, keeping a saved address and unknown values', () => {
    const servers = [
      incomingServer(),
      incomingServer({ id: 'in-eu', name: 'EU', email: 'eu@example.eu' }),
    ];
    expect(
      mailboxChoices(servers, ['EU@example.eu', 'gone@example.com']),
    ).toEqual([
      { value: 'in-1', label: 'IT Support' },
      { value: 'EU@example.eu', label: 'EU' },
      {
        value: 'gone@example.com',
        label: 'gone@example.com (no such incoming server)',
      },
    ]);
  });
});
