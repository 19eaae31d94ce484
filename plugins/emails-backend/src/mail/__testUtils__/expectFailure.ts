import {
  ConnectionStageName,
  ConnectionTestResult,
} from '@internal/plugin-emails-common';
import { FailureKind, failureHint, failureSummary } from '../diagnostics/hints';
import { MailTarget } from '../types';

const ORDER: ConnectionStageName[] = ['dns', 'tcp', 'tls', 'auth', 'protocol'];

/**
 * Asserts that a run failed at `stage` with the message and hint of `kind`,
 * that every earlier stage passed and that no later stage is listed.
 */
export function expectFailure(
  result: ConnectionTestResult,
  target: MailTarget,
  stage: ConnectionStageName,
  kind: FailureKind,
): string {
  const context = {
    protocol: target.protocol,
    security: target.security,
    port: target.port,
  };
  const names = result.stages.map(s => s.stage);
  expect(names).toEqual(ORDER.slice(0, ORDER.indexOf(stage) + 1));
  expect(result.ok).toBe(false);
  expect(result.stages.slice(0, -1).every(s => s.ok)).toBe(true);
  const failed = result.stages[result.stages.length - 1];
  expect(failed.ok).toBe(false);
  expect(failed.message.startsWith(failureSummary(kind, context))).toBe(true);
  expect(failed.hint).toBe(failureHint(kind, context));
  return failed.message;
}
