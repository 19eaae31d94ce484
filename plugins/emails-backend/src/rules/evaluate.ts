import { EmailRule, RuleCondition } from '@internal/plugin-emails-common';

/**
 * What a rule can look at, by field name. A field may have several values
 * (a mailbox is its id and its address); a missing field has none.
 */
export type RuleFacts = Record<string, string[] | undefined>;

const fold = (value: string) => value.toLocaleLowerCase('en-US');

function compare(
  operator: RuleCondition['operator'],
  fact: string,
  value: string,
) {
  switch (operator) {
    case 'is':
    case 'isNot':
      return fact === value;
    case 'contains':
    case 'notContains':
      return fact.includes(value);
    case 'startsWith':
      return fact.startsWith(value);
    case 'endsWith':
      return fact.endsWith(value);
    default:
      return false;
  }
}

/** Whether one condition holds: any fact matching any value, or for the negative operators none. */
export function conditionHolds(
  condition: RuleCondition,
  facts: RuleFacts,
): boolean {
  const present = (facts[condition.field] ?? []).map(fold);
  const values = condition.values.map(fold);
  const found = present.some(fact =>
    values.some(value => compare(condition.operator, fact, value)),
  );
  const negative =
    condition.operator === 'isNot' || condition.operator === 'notContains';
  return negative ? !found : found;
}

/** Whether a rule matches: all or any of its conditions, as its `match` says. */
export function ruleMatches(rule: EmailRule, facts: RuleFacts): boolean {
  const holds = (c: RuleCondition) => conditionHolds(c, facts);
  return rule.match === 'any'
    ? rule.conditions.some(holds)
    : rule.conditions.every(holds);
}

/**
 * The enabled rules that match, in list order, up to and including the first
 * matching one that stops processing.
 */
export function matchingRules(
  rules: EmailRule[],
  facts: RuleFacts,
): EmailRule[] {
  const matched: EmailRule[] = [];
  for (const rule of rules) {
    if (!rule.enabled || !ruleMatches(rule, facts)) continue;
    matched.push(rule);
    if (rule.stopProcessing) break;
  }
  return matched;
}
