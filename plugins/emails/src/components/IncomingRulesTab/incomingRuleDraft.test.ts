import { incomingServer } from '../__testUtils__';
import {
  newIncomingRuleDraft,
  toIncomingRuleDraft,
  toIncomingRulesBody,
} from './incomingRuleDraft';
import {
  incomingRuleErrorFields,
  incomingRuleFieldLabel,
} from './incomingRuleErrors';
import { humanizeKey, stepLabel } from './simulationLabels';
import { describeActions, describeConditions } from './summaries';
import { incomingRule } from './__testUtils__';

describe('incoming rule drafts', () => {
  it('round-trips saved rules unchanged, every action type included', () => {
    const rules = [
      incomingRule({
        match: 'any',
        stopProcessing: true,
        conditions: [
          {
            field: 'header',
            header: 'X-Priority',
            operator: 'is',
            values: ['1'],
          },
          {
            field: 'authentication',
            method: 'dkim',
            operator: 'isNot',
            values: ['pass'],
          },
        ],
        actions: [
          { type: 'technicianGroup', value: 'group:default/network' },
          { type: 'assignTo', value: 'user:default/jdoe' },
          { type: 'addCc', values: ['noc@example.com'] },
          { type: 'setField', field: 'impact', value: 'high' },
          { type: 'quarantine' },
        ],
      }),
    ];
    expect(toIncomingRulesBody(rules.map(toIncomingRuleDraft), 7)).toEqual({
      version: 7,
      rules,
    });
  });

  it('sends a new rule without an id and only the inputs its actions use', () => {
    const draft = newIncomingRuleDraft();
    draft.name = ' Spam ';
    draft.actions = [{ ...draft.actions[0], type: 'ignore', value: 'left' }];
    const [body] = toIncomingRulesBody([draft], 0).rules;
    expect(body).not.toHaveProperty('id');
    expect(body).toMatchObject({ name: 'Spam', actions: [{ type: 'ignore' }] });
    expect(body.actions[0]).not.toHaveProperty('value');
  });
});

describe('incoming rule summaries', () => {
  it('words conditions with mailbox names, yes / no and counted long lists', () => {
    const rule = toIncomingRuleDraft(
      incomingRule({
        match: 'any',
        conditions: [
          { field: 'mailbox', operator: 'is', values: ['support@example.com'] },
          { field: 'automatic', operator: 'isNot', values: ['true'] },
          { field: 'from', operator: 'inList', values: ['a', 'b', 'c', 'd'] },
        ],
      }),
    );
    expect(describeConditions(rule, [incomingServer()])).toBe(
      'Mailbox (incoming server) is “IT Support” or Automatic mail is not “yes” or From is in list 4 entries',
    );
  });

  it('words actions', () => {
    const rule = toIncomingRuleDraft(
      incomingRule({
        actions: [
          { type: 'addCc', values: ['a@example.com', 'b@example.com'] },
          { type: 'setField', field: 'impact', value: 'high' },
          { type: 'ignore' },
        ],
      }),
    );
    expect(describeActions(rule)).toBe(
      'Add CC: a@example.com, b@example.com; Set impact to “high”; Ignore the message',
    );
  });
});

describe('incoming rule errors', () => {
  it('knows every input of every rule and labels it as the editor does', () => {
    const fields = incomingRuleErrorFields([
      toIncomingRuleDraft(incomingRule()),
    ]);
    expect(fields).toEqual(
      expect.arrayContaining([
        'rules.0.conditions.1.header',
        'rules.0.actions.0.type',
        'rules.0.actions.0.field',
      ]),
    );
    expect(incomingRuleFieldLabel('rules.0.actions.0.field')).toBe(
      'Ticket field',
    );
    expect(incomingRuleFieldLabel('rules.0.conditions.0.field')).toBe('Field');
    expect(incomingRuleFieldLabel('rules.2.actions.1')).toBe('Action 2');
    expect(incomingRuleFieldLabel('rules.2')).toBe('Rule 3');
  });
});

describe('simulation labels', () => {
  it('puts keys and step names in words', () => {
    expect(humanizeKey('senderDomain')).toBe('Sender domain');
    expect(humanizeKey('messageId')).toBe('Message ID');
    expect(humanizeKey('dkim_result')).toBe('DKIM result');
    expect(stepLabel('thread')).toBe('Threading');
    expect(stepLabel('myHelpdeskProcessor')).toBe('My helpdesk processor');
  });
});
