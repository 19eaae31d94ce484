import {
  EmailRule,
  EmailRuleList,
  OUTGOING_RULE_FIELDS,
  RuleOperator,
} from '@internal/plugin-emails-common';
import { EmailRuleDraft } from '../../api/EmailsApi';

/** A condition as the rule editor holds it. */
export interface ConditionDraft {
  /** Identifies the row while the admin edits; never sent. */
  key: string;
  field: string;
  operator: RuleOperator;
  values: string[];
}

/** An outgoing email rule as the editor holds it: its one action is just the server. */
export interface RuleDraft {
  /** Identifies the rule while the admin edits; never sent. */
  key: string;
  /** Missing on a rule that was never saved. */
  id?: string;
  name: string;
  enabled: boolean;
  match: 'all' | 'any';
  conditions: ConditionDraft[];
  serverId: string;
  stopProcessing: boolean;
}

let lastKey = 0;
const nextKey = () => `draft-${++lastKey}`;

/** A new condition: the first field, `is`, no values yet. */
export function newConditionDraft(): ConditionDraft {
  return {
    key: nextKey(),
    field: OUTGOING_RULE_FIELDS[0].field,
    operator: 'is',
    values: [],
  };
}

/** A new rule, enabled, with one empty condition and no server yet. */
export function newRuleDraft(): RuleDraft {
  return {
    key: nextKey(),
    name: '',
    enabled: true,
    match: 'all',
    conditions: [newConditionDraft()],
    serverId: '',
    stopProcessing: false,
  };
}

/** The editor's copy of a saved rule. */
export function toRuleDraft(rule: EmailRule): RuleDraft {
  return {
    key: nextKey(),
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    match: rule.match,
    conditions: rule.conditions.map(c => ({
      key: nextKey(),
      field: c.field,
      operator: c.operator,
      values: [...c.values],
    })),
    serverId: rule.actions[0]?.serverId ?? '',
    stopProcessing: rule.stopProcessing,
  };
}

/** A rule as the PUT sends it; a new rule goes without an id. */
export function toRuleBody(draft: RuleDraft): EmailRuleDraft {
  const body: EmailRuleDraft = {
    name: draft.name.trim(),
    enabled: draft.enabled,
    match: draft.match,
    conditions: draft.conditions.map(c => ({
      field: c.field,
      operator: c.operator,
      values: c.values,
    })),
    actions: [{ type: 'useOutgoingServer', serverId: draft.serverId }],
    stopProcessing: draft.stopProcessing,
  };
  return draft.id ? { id: draft.id, ...body } : body;
}

/** The body of PUT /rules/outgoing: every rule in order, with the version read. */
export function toRulesBody(
  drafts: RuleDraft[],
  version: number,
): { version: number; rules: EmailRuleDraft[] } {
  return { version, rules: drafts.map(toRuleBody) };
}

/** The editor's copy of a saved list. */
export function toRuleDrafts(list: EmailRuleList): RuleDraft[] {
  return list.rules.map(toRuleDraft);
}

/** Whether the values are incoming servers picked from a list rather than typed text. */
export function picksMailboxes(c: Pick<ConditionDraft, 'field' | 'operator'>) {
  return (
    c.field === 'mailbox' && (c.operator === 'is' || c.operator === 'isNot')
  );
}

/**
 * The condition with one setting changed. Values typed as text make no sense
 * as picked mailboxes and the other way round, so they go when that changes.
 */
export function changeCondition(
  condition: ConditionDraft,
  change: Partial<Pick<ConditionDraft, 'field' | 'operator' | 'values'>>,
): ConditionDraft {
  const next = { ...condition, ...change };
  return picksMailboxes(next) === picksMailboxes(condition)
    ? next
    : { ...next, values: [] };
}

/** The list with the item at `index` moved by `delta` places; unchanged at either end. */
export function moveItem<T>(items: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (to < 0 || to >= items.length) return items;
  const moved = [...items];
  const [item] = moved.splice(index, 1);
  moved.splice(to, 0, item);
  return moved;
}

/** The list with the item at `index` replaced. */
export function replaceAt<T>(items: T[], index: number, item: T): T[] {
  return items.map((existing, i) => (i === index ? item : existing));
}

/** The list without the item at `index`. */
export function removeAt<T>(items: T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}
