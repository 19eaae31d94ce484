export { testConnection } from './testConnection';
export type { TestConnectionOptions } from './testConnection';
export { failureHint, failureSummary } from './hints';
export type { FailureKind, HintContext } from './hints';
