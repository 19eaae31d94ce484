export { RuleConditionBuilder } from './RuleConditionBuilder';
export type { RuleConditionBuilderProps } from './RuleConditionBuilder';
export {
  changeCondition,
  newConditionDraft,
  nextDraftKey,
  toConditionBody,
  toConditionDraft,
  valueKind,
} from './conditionDraft';
export type { ConditionDraft, ValueKind } from './conditionDraft';
export { mailboxChoices } from './mailboxChoices';
export {
  fieldLabel,
  INCOMING_CONDITIONS,
  OPERATOR_LABELS,
  operatorLabel,
  OUTGOING_CONDITIONS,
} from './vocabularies';
export type { ConditionVocabulary } from './vocabularies';
export { moveItem, removeAt, replaceAt } from './listEdits';
