import { EmailRule } from '@internal/plugin-emails-common';
import { conditionHolds, matchingRules } from './evaluate';

const rule = (over: Partial<EmailRule>): EmailRule => ({
  id: over.name ?? 'r',
  name: 'r',
  enabled: true,
  match: 'all',
  conditions: [],
  actions: [{ type: 'useOutgoingServer', serverId: 's' }],
  stopProcessing: false,
  ...over,
});

describe('rule evaluation', () => {
  it('compares without case, any value for positive operators, none for negative ones', () => {
    const facts = { subject: ['Printer ON FIRE'], category: undefined };
    const holds = (operator: any, values: string[], field = 'subject') =>
      conditionHolds({ field, operator, values }, facts);
    expect(holds('contains', ['fire', 'flood'])).toBe(true);
    expect(holds('notContains', ['fire', 'flood'])).toBe(false);
    expect(holds('notContains', ['flood'])).toBe(true);
    expect(holds('is', ['printer on fire'])).toBe(true);
    expect(holds('isNot', ['printer'])).toBe(true);
    expect(holds('startsWith', ['print'])).toBe(true);
    expect(holds('endsWith', ['print'])).toBe(false);
    // A field the ticket does not have matches only the negative operators.
    expect(holds('is', ['hardware'], 'category')).toBe(false);
    expect(holds('isNot', ['hardware'], 'category')).toBe(true);
  });

  it('matches all or any conditions, skips disabled rules and stops at stopProcessing', () => {
    const facts = { category: ['Hardware'], requesterDomain: ['shop.eu'] };
    const hw = {
      field: 'category',
      operator: 'is' as const,
      values: ['hardware'],
    };
    const us = {
      field: 'requesterDomain',
      operator: 'is' as const,
      values: ['shop.us'],
    };
    const names = (rules: EmailRule[]) =>
      matchingRules(rules, facts).map(r => r.name);
    expect(
      names([
        rule({ name: 'all', conditions: [hw, us] }),
        rule({ name: 'any', match: 'any', conditions: [hw, us] }),
        rule({ name: 'off', enabled: false, conditions: [hw] }),
        rule({ name: 'stop', conditions: [hw], stopProcessing: true }),
        rule({ name: 'after', conditions: [hw] }),
      ]),
    ).toEqual(['any', 'stop']);
  });
});
