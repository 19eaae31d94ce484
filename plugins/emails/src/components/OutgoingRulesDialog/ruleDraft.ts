import {
  EmailRule,
  EmailRuleList,
  RuleOperator,
} from '@internal/plugin-emails-common';
import { EmailRuleDraft } from '../../api/EmailsApi';
import {
  changeCondition as changeAnyCondition,
  ConditionDraft,
  newConditionDraft as newAnyConditionDraft,
  nextDraftKey,
  OUTGOING_CONDITIONS,
  toConditionDraft,
} from '../RuleConditionBuilder';

export type { ConditionDraft } from '../RuleConditionBuilder';
export { moveItem, removeAt, replaceAt } from '../RuleConditionBuilder';

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

/** A new condition: the first field, `is`, no values yet. */
export function newConditionDraft(): ConditionDraft {
  return newAnyConditionDraft(OUTGOING_CONDITIONS);
}

/** A new rule, enabled, with one empty condition and no server yet. */
export function newRuleDraft(): RuleDraft {
  return {
    key: nextDraftKey(),
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
    key: nextDraftKey(),
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    match: rule.match,
    conditions: rule.conditions.map(toConditionDraft),
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
      operator: c.operator as RuleOperator,
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

/** The condition with one setting changed, as the outgoing rule editor allows. */
export function changeCondition(
  condition: ConditionDraft,
  change: Partial<Pick<ConditionDraft, 'field' | 'operator' | 'values'>>,
): ConditionDraft {
  return changeAnyCondition(OUTGOING_CONDITIONS, condition, change);
}
