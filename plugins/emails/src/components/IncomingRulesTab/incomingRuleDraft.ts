import {
  IncomingEmailRule,
  IncomingEmailRuleList,
  IncomingRuleAction,
  IncomingRuleCondition,
} from '@internal/plugin-emails-common';
import { IncomingRuleDraft as IncomingRuleBody } from '../../api';
import {
  ConditionDraft,
  INCOMING_CONDITIONS,
  newConditionDraft,
  nextDraftKey,
  toConditionBody,
  toConditionDraft,
} from '../RuleConditionBuilder';

/** The type of an incoming rule action. */
export type ActionType = IncomingRuleAction['type'];

/** An action as the editor holds it: every input, of which its type uses some. */
export interface ActionDraft {
  /** Identifies the row while the admin edits; never sent. */
  key: string;
  type: ActionType;
  /** The value of a set-a-field action, or of setField. */
  value: string;
  /** The addresses of addCc. */
  values: string[];
  /** The ticket field setField sets. */
  field: string;
}

/** An incoming email rule as the editor holds it. */
export interface IncomingRuleDraft {
  /** Identifies the rule while the admin edits; never sent. */
  key: string;
  /** Missing on a rule that was never saved. */
  id?: string;
  name: string;
  enabled: boolean;
  match: 'all' | 'any';
  conditions: ConditionDraft[];
  actions: ActionDraft[];
  stopProcessing: boolean;
}

/** What the action editor calls each action type. */
export const ACTION_LABELS: Record<ActionType, string> = {
  technicianGroup: 'Technician group',
  category: 'Category',
  priority: 'Priority',
  requestType: 'Request type',
  company: 'Company',
  assignTo: 'Assign to technician',
  addCc: 'Add CC',
  setField: 'Set ticket field',
  ignore: 'Ignore the message',
  quarantine: 'Quarantine the message',
};

/** A new action of a type, its inputs empty. */
export function newActionDraft(type: ActionType = 'category'): ActionDraft {
  return { key: nextDraftKey(), type, value: '', values: [], field: '' };
}

/** A new rule, enabled, with one empty condition and one empty action. */
export function newIncomingRuleDraft(): IncomingRuleDraft {
  return {
    key: nextDraftKey(),
    name: '',
    enabled: true,
    match: 'all',
    conditions: [newConditionDraft(INCOMING_CONDITIONS)],
    actions: [newActionDraft()],
    stopProcessing: false,
  };
}

function toActionDraft(action: IncomingRuleAction): ActionDraft {
  const draft = newActionDraft(action.type);
  if ('value' in action) draft.value = action.value;
  if ('values' in action) draft.values = [...action.values];
  if ('field' in action) draft.field = action.field;
  return draft;
}

/** The editor's copy of a saved rule. */
export function toIncomingRuleDraft(rule: IncomingEmailRule) {
  const draft: IncomingRuleDraft = {
    key: nextDraftKey(),
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    match: rule.match,
    conditions: rule.conditions.map(toConditionDraft),
    actions: rule.actions.map(toActionDraft),
    stopProcessing: rule.stopProcessing,
  };
  return draft;
}

/** The editor's copy of a saved list. */
export function toIncomingRuleDrafts(list: IncomingEmailRuleList) {
  return list.rules.map(toIncomingRuleDraft);
}

/** An action as the PUT sends it: only the inputs its type uses. */
export function toActionBody(a: ActionDraft): IncomingRuleAction {
  switch (a.type) {
    case 'addCc':
      return { type: a.type, values: a.values };
    case 'setField':
      return { type: a.type, field: a.field.trim(), value: a.value };
    case 'ignore':
    case 'quarantine':
      return { type: a.type };
    default:
      return { type: a.type, value: a.value.trim() };
  }
}

/** A rule as the PUT sends it; a new rule goes without an id. */
export function toIncomingRuleBody(draft: IncomingRuleDraft): IncomingRuleBody {
  const body: IncomingRuleBody = {
    name: draft.name.trim(),
    enabled: draft.enabled,
    match: draft.match,
    conditions: draft.conditions.map(
      c => toConditionBody(c) as IncomingRuleCondition,
    ),
    actions: draft.actions.map(toActionBody),
    stopProcessing: draft.stopProcessing,
  };
  return draft.id ? { id: draft.id, ...body } : body;
}

/** The body of PUT /rules/incoming: every rule in order, with the version read. */
export function toIncomingRulesBody(
  drafts: IncomingRuleDraft[],
  version: number,
): { version: number; rules: IncomingRuleBody[] } {
  return { version, rules: drafts.map(toIncomingRuleBody) };
}
