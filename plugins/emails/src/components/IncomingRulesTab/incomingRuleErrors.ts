import { IncomingRuleDraft } from './incomingRuleDraft';

const LABELS: Record<string, string> = {
  name: 'Rule Name',
  conditions: 'Conditions',
  field: 'Field',
  operator: 'Operator',
  values: 'Values',
  header: 'Header name',
  method: 'Check',
  actions: 'Actions',
  type: 'Action',
  value: 'Value',
  rules: 'Rules',
};

/** The API paths the rule editor shows errors under, for every rule of the list. */
export function incomingRuleErrorFields(rules: IncomingRuleDraft[]): string[] {
  return rules.flatMap((rule, r) => {
    const at = `rules.${r}`;
    const conditions = rule.conditions.flatMap((_, c) =>
      ['field', 'operator', 'header', 'method', 'values'].map(
        key => `${at}.conditions.${c}.${key}`,
      ),
    );
    const actions = rule.actions.flatMap((_, a) =>
      ['', '.type', '.value', '.values', '.field'].map(
        key => `${at}.actions.${a}${key}`,
      ),
    );
    return [
      at,
      `${at}.name`,
      `${at}.conditions`,
      `${at}.actions`,
      ...conditions,
      ...actions,
    ];
  });
}

/** The label of an error path: `rules.0.actions.1.field` is "Ticket field", `rules.0` "Rule 1". */
export function incomingRuleFieldLabel(path: string): string {
  const rule = path.match(/^rules\.(\d+)$/);
  if (rule) return `Rule ${Number(rule[1]) + 1}`;
  const action = path.match(/^rules\.\d+\.actions\.(\d+)(\.field)?$/);
  if (action) {
    return action[2] ? 'Ticket field' : `Action ${Number(action[1]) + 1}`;
  }
  return LABELS[path.split('.').pop() ?? ''] ?? path;
}

/** The errors of one rule, keyed as the editor of that rule shows them. */
export function errorsOfRule(
  fields: Record<string, string>,
  index: number,
): Record<string, string> {
  const at = `rules.${index}`;
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([path]) => path === at || path.startsWith(`${at}.`),
    ),
  );
}

/** The position of the first rule with an error, if any. */
export function firstRuleWithErrors(fields: Record<string, string>) {
  const indexes = Object.keys(fields)
    .map(path => Number(path.split('.')[1]))
    .filter(Number.isInteger);
  return indexes.length ? Math.min(...indexes) : undefined;
}
