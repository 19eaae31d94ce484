export {
  conditionHolds,
  explainCondition,
  explainRule,
  factKey,
  matchingRules,
  ruleMatches,
} from './evaluate';
export type {
  ConditionResult,
  EvaluationOptions,
  RuleConditionLike,
  RuleFacts,
  RuleLike,
} from './evaluate';
export { evaluateIncomingRules } from './incoming';
export type {
  IncomingRuleActions,
  IncomingRulesOutcome,
  IncomingRuleTrace,
} from './incoming';
export { incomingRuleFacts } from './incomingFacts';
export type { IncomingMessageFacts } from './incomingFacts';
export { DEFAULT_REGEX_LIMITS, RegexRunner } from './regex';
export type { RegexLimits, RegexOutcome } from './regex';
export { RuleService } from './RuleService';
export {
  EMAILS_SETTINGS_CHANGED_TOPIC,
  settingsChanges,
} from './settingsChanges';
export type { SettingsChangedEvent, SettingsChanges } from './settingsChanges';
export { SETTINGS_RECHECK_MS, SettingsCache } from './settingsCache';
export type { VersionedDocument } from './settingsCache';
