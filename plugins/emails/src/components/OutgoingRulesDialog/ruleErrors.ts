import { RuleDraft } from './ruleDraft';

const LABELS: Record<string, string> = {
  name: 'Rule Name',
  conditions: 'Conditions',
  field: 'Field',
  operator: 'Operator',
  values: 'Values',
  actions: 'Outgoing Email Server',
  rules: 'Rules',
};

/**
 * The API paths the editor shows errors under, most specific first in
 * meaning: a condition's inputs, the rule's conditions and server, and the
 * rule itself for anything else about it (a repeated id, say).
 */
export function ruleErrorFields(rules: RuleDraft[]): string[] {
  return rules.flatMap((rule, r) => {
    const at = `rules.${r}`;
    return [
      at,
      `${at}.name`,
      `${at}.conditions`,
      `${at}.actions`,
      ...rule.conditions.flatMap((_, c) =>
        ['field', 'operator', 'values'].map(
          key => `${at}.conditions.${c}.${key}`,
        ),
      ),
    ];
  });
}

/** The label of an error path: `rules.0.conditions.1.values` is "Values", `rules.0` "Rule 1". */
export function ruleFieldLabel(path: string): string {
  const rule = path.match(/^rules\.(\d+)$/);
  if (rule) return `Rule ${Number(rule[1]) + 1}`;
  return LABELS[path.split('.').pop() ?? ''] ?? path;
}

/**
 * Each field error as one line naming its rule, e.g.
 * `Rule 2 “EU customers”: Values (entry 1) must be a domain name`, for the
 * summary at the top of the dialog, where the fields may be out of view.
 */
export function summarizeRuleErrors(
  fields: Record<string, string>,
  rules: RuleDraft[],
): string[] {
  return Object.entries(fields).map(([path, message]) => {
    const index = Number(path.split('.')[1]);
    const name = rules[index]?.name.trim();
    const rule = `Rule ${index + 1}${name ? ` “${name}”` : ''}`;
    return path === `rules.${index}`
      ? message.replace(/^Rule \d+/, rule)
      : `${rule}: ${message}`;
  });
}
