export * from './fields';
export * from './servers';
export * from './preferences';
export * from './reply';
export * from './rules';
export * from './send';
export * from './incomingRuleConditions';
export * from './incomingRules';
