import {
  IncomingEmailRule,
  IncomingRuleAction,
  IncomingRuleValueAction,
} from '@internal/plugin-emails-common';
import { ConditionResult, explainRule, RuleFacts } from './evaluate';
import { RegexLimits, RegexRunner } from './regex';

/** What the matched incoming rules do together to the ticket a message opens. */
export interface IncomingRuleActions {
  technicianGroup?: string;
  category?: string;
  priority?: string;
  requestType?: string;
  company?: string;
  /** The technician's user ref. */
  assignTo?: string;
  /** Addresses to add as CC, in order, each once. */
  addCc: string[];
  /** Ticket fields for the host helpdesk, set through the ticketing extension point. */
  fields: Record<string, string>;
  /** Set when the message must not become a ticket. */
  disposition?: 'ignore' | 'quarantine';
}

/** One rule's part in the decision trace. */
export interface IncomingRuleTrace {
  ruleId: string;
  ruleName: string;
  /** `skipped` when disabled or after a rule that stopped processing. */
  status: 'matched' | 'not matched' | 'skipped';
  /** Why it was skipped: `disabled`, or the rule that stopped processing. */
  reason?: string;
  conditions: ConditionResult[];
  /** What a matched rule's actions did, in words (`set category to 'Network'`). */
  applied?: string[];
}

/** The outcome of the incoming rules on one message. */
export interface IncomingRulesOutcome {
  /** The matched rules, in list order. */
  matched: IncomingEmailRule[];
  actions: IncomingRuleActions;
  /** Every rule of the list, evaluated or skipped. */
  rules: IncomingRuleTrace[];
  /** Sentences for the decision trace and the simulator, in order. */
  explanations: string[];
}

const VALUE_ACTIONS: IncomingRuleValueAction[] = [
  'technicianGroup',
  'category',
  'priority',
  'requestType',
  'company',
  'assignTo',
];

/** The slot of the merged actions an action writes; actions sharing one clash. */
function slot(action: IncomingRuleAction): string | undefined {
  if (action.type === 'setField') return `field ${action.field}`;
  if (action.type === 'ignore' || action.type === 'quarantine') {
    return 'ignore or quarantine';
  }
  return action.type === 'addCc' ? undefined : action.type;
}

/** Applies one matched rule's actions: the first rule to set a slot keeps it. */
function apply(
  rule: IncomingEmailRule,
  merged: IncomingRuleActions,
  setBy: Map<string, string>,
  explanations: string[],
  applied: string[] = [],
) {
  for (const action of rule.actions) {
    const key = slot(action);
    const owner = key ? setBy.get(key) : undefined;
    if (key && owner !== undefined) {
      const clash = `${key} not changed, rule '${owner}' set it first`;
      explanations.push(`rule '${rule.name}': ${clash}`);
      applied.push(clash);
      continue;
    }
    if (key) setBy.set(key, rule.name);
    if (action.type === 'addCc') {
      const known = new Set(merged.addCc.map(a => a.toLowerCase()));
      merged.addCc.push(
        ...action.values.filter(a => !known.has(a.toLowerCase())),
      );
    } else if (action.type === 'setField') {
      merged.fields[action.field] = action.value;
    } else if (action.type === 'ignore' || action.type === 'quarantine') {
      merged.disposition = action.type;
    } else if (VALUE_ACTIONS.includes(action.type)) {
      merged[action.type] = action.value;
    }
    explanations.push(`rule '${rule.name}': ${describeAction(action)}`);
    applied.push(describeAction(action));
  }
}

function describeAction(action: IncomingRuleAction): string {
  switch (action.type) {
    case 'addCc':
      return `add CC ${action.values.join(', ')}`;
    case 'setField':
      return `set field ${action.field} to '${action.value}'`;
    case 'ignore':
    case 'quarantine':
      return action.type;
    default:
      return `set ${action.type} to '${action.value}'`;
  }
}

/** Adds an evaluated rule and its conditions' explanations to the outcome. */
function record(
  rule: IncomingEmailRule,
  result: { matched: boolean; conditions: ConditionResult[] },
  outcome: IncomingRulesOutcome,
): boolean {
  const { matched, conditions } = result;
  const status = matched ? 'matched' : 'not matched';
  outcome.rules.push({
    ruleId: rule.id,
    ruleName: rule.name,
    status,
    conditions,
  });
  outcome.explanations.push(
    `rule '${rule.name}': ${status} (${rule.match} of ${conditions.length})`,
    ...conditions.map(c => `rule '${rule.name}': ${c.explanation}`),
  );
  return matched;
}

/**
 * Runs the incoming email rules on a message's facts. Rules are taken in
 * order, disabled ones skipped; a matching rule with `stopProcessing` ends
 * the list. Actions merge: the first matching rule to set a ticket field (or
 * a setField field, or ignore / quarantine) decides it, later rules do not
 * override it; CC addresses add up. Changes nothing.
 */
export function evaluateIncomingRules(
  rules: IncomingEmailRule[],
  facts: RuleFacts,
  options: { regexLimits?: RegexLimits } = {},
): IncomingRulesOutcome {
  const regex = new RegexRunner(options.regexLimits);
  const outcome: IncomingRulesOutcome = {
    matched: [],
    actions: { addCc: [], fields: {} },
    rules: [],
    explanations: [],
  };
  const setBy = new Map<string, string>();
  let stoppedBy: string | undefined;
  for (const rule of rules) {
    if (!rule.enabled || stoppedBy !== undefined) {
      const why = stoppedBy
        ? `rule '${stoppedBy}' stopped processing`
        : 'disabled';
      outcome.rules.push({
        ruleId: rule.id,
        ruleName: rule.name,
        status: 'skipped',
        reason: why,
        conditions: [],
      });
      outcome.explanations.push(`rule '${rule.name}': skipped, ${why}`);
      continue;
    }
    const matched = record(rule, explainRule(rule, facts, { regex }), outcome);
    if (!matched) continue;
    outcome.matched.push(rule);
    const applied: string[] = [];
    outcome.rules[outcome.rules.length - 1].applied = applied;
    apply(rule, outcome.actions, setBy, outcome.explanations, applied);
    if (rule.stopProcessing) stoppedBy = rule.name;
  }
  return outcome;
}
