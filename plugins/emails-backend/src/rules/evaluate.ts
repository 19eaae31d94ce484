import { IncomingRuleOperator } from '@internal/plugin-emails-common';
import { RegexRunner } from './regex';

/**
 * What a rule can look at, by field name. A field may have several values
 * (a mailbox is its id and its address); a missing field has none. A header
 * is under `header:<lower-case name>`, an authentication result under
 * `authentication:<spf|dkim|dmarc>`.
 */
export type RuleFacts = Record<string, string[] | undefined>;

/** A condition of an incoming or an outgoing rule. */
export interface RuleConditionLike {
  field: string;
  operator: IncomingRuleOperator;
  values: string[];
  header?: string;
  method?: string;
}

/** A rule as evaluation sees it, incoming or outgoing. */
export interface RuleLike {
  enabled: boolean;
  match: 'all' | 'any';
  conditions: RuleConditionLike[];
  stopProcessing: boolean;
}

/** Whether a condition held, and a sentence saying why, for the decision trace. */
export interface ConditionResult {
  holds: boolean;
  explanation: string;
}

/** Runs the regular expressions of one evaluation; a fresh one per message. */
export interface EvaluationOptions {
  regex?: RegexRunner;
}

const fold = (value: string) => value.toLocaleLowerCase('en-US');
const NEGATIVE: IncomingRuleOperator[] = ['isNot', 'notContains'];

/** The key of `facts` a condition looks at. */
export function factKey(condition: RuleConditionLike): string {
  if (condition.field === 'header') {
    return `header:${fold(condition.header ?? '')}`;
  }
  if (condition.field === 'authentication') {
    return `authentication:${fold(condition.method ?? '')}`;
  }
  return condition.field;
}

/** An `inList` entry: the value itself, or for an address `@domain` / `domain`. */
function inList(fact: string, entry: string): boolean {
  if (fact === entry) return true;
  const at = fact.lastIndexOf('@');
  if (at < 0 || (entry.includes('@') && !entry.startsWith('@'))) return false;
  return fact.slice(at + 1) === entry.replace(/^@/, '');
}

function compare(operator: IncomingRuleOperator, fact: string, value: string) {
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
    case 'inList':
      return inList(fact, value);
    default:
      return false;
  }
}

const quote = (text: string) =>
  `'${text.length > 80 ? `${text.slice(0, 80)}…` : text}'`;

/** `subject contains 'urgent'`, `header X-Priority is '1', '2'`. */
function describe(condition: RuleConditionLike): string {
  const field =
    condition.field === 'header' || condition.field === 'authentication'
      ? `${condition.field} ${condition.header ?? condition.method ?? ''}`
      : condition.field;
  const shown = condition.values.slice(0, 5).map(quote).join(', ');
  const more = condition.values.length - 5;
  return `${field} ${condition.operator} ${shown}${
    more > 0 ? ` and ${more} more` : ''
  }`;
}

/** The first fact matching a value: by regular expression, or compared without case. */
function firstMatch(
  condition: RuleConditionLike,
  present: string[],
  regex: RegexRunner,
): { fact?: string; problem?: string } {
  if (condition.operator === 'matchesRegex') {
    let problem: string | undefined;
    for (const fact of present) {
      for (const pattern of condition.values) {
        const outcome = regex.test(pattern, fact);
        if (outcome.matched) return { fact };
        problem ??= outcome.problem;
      }
    }
    return { problem };
  }
  const values = condition.values.map(fold);
  const index = present
    .map(fold)
    .findIndex(f =>
      values.some(value => compare(condition.operator, f, value)),
    );
  return { fact: index < 0 ? undefined : present[index] };
}

/**
 * Whether one condition holds, with a sentence for the decision trace: any
 * fact matching any value, or for the negative operators none. A field the
 * message or ticket does not have matches only the negative operators; a
 * regular expression that runs out of time does not match.
 */
export function explainCondition(
  condition: RuleConditionLike,
  facts: RuleFacts,
  options: EvaluationOptions = {},
): ConditionResult {
  const present = facts[factKey(condition)] ?? [];
  const { fact, problem } = firstMatch(
    condition,
    present,
    options.regex ?? new RegexRunner(),
  );
  const negative = NEGATIVE.includes(condition.operator);
  const holds = negative ? fact === undefined : fact !== undefined;
  let why: string;
  if (fact !== undefined) {
    why = `${holds ? 'matched' : 'not matched, found'} ${quote(fact)}`;
  } else if (present.length === 0) {
    why = `${holds ? 'matched' : 'not matched'}: the field is empty`;
  } else {
    why = holds ? 'matched: none of the values found' : 'not matched';
  }
  return {
    holds,
    explanation: `${describe(condition)}: ${why}${
      problem ? ` (${problem})` : ''
    }`,
  };
}

/** Whether one condition holds (see explainCondition). */
export function conditionHolds(
  condition: RuleConditionLike,
  facts: RuleFacts,
  options?: EvaluationOptions,
): boolean {
  return explainCondition(condition, facts, options).holds;
}

/** Whether a rule matches, all or any of its conditions, and each condition's explanation. */
export function explainRule(
  rule: RuleLike,
  facts: RuleFacts,
  options: EvaluationOptions = {},
): { matched: boolean; conditions: ConditionResult[] } {
  const regex = options.regex ?? new RegexRunner();
  const conditions = rule.conditions.map(c =>
    explainCondition(c, facts, { regex }),
  );
  const matched =
    rule.match === 'any'
      ? conditions.some(c => c.holds)
      : conditions.every(c => c.holds);
  return { matched, conditions };
}

/** Whether a rule matches: all or any of its conditions, as its `match` says. */
export function ruleMatches(
  rule: RuleLike,
  facts: RuleFacts,
  options?: EvaluationOptions,
): boolean {
  return explainRule(rule, facts, options).matched;
}

/**
 * The enabled rules that match, in list order, up to and including the first
 * matching one that stops processing.
 */
export function matchingRules<R extends RuleLike>(
  rules: R[],
  facts: RuleFacts,
  options: EvaluationOptions = {},
): R[] {
  const regex = options.regex ?? new RegexRunner();
  const matched: R[] = [];
  for (const rule of rules) {
    if (!rule.enabled || !ruleMatches(rule, facts, { regex })) continue;
    matched.push(rule);
    if (rule.stopProcessing) break;
  }
  return matched;
}
