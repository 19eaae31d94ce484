export { conditionHolds, matchingRules, ruleMatches } from './evaluate';
export type { RuleFacts } from './evaluate';
export { RuleService } from './RuleService';
