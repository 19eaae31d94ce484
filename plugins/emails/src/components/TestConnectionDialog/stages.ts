import {
  ConnectionStage,
  ConnectionStageName,
  ConnectionTestResult,
} from '@internal/plugin-emails-common';

/** The stages of Test Connection, in the order they run. */
export const STAGE_ORDER: ConnectionStageName[] = [
  'dns',
  'tcp',
  'tls',
  'auth',
  'protocol',
];

/** The name each stage row shows. */
export const STAGE_NAMES: Record<ConnectionStageName, string> = {
  dns: 'DNS',
  tcp: 'TCP',
  tls: 'TLS',
  auth: 'Auth',
  protocol: 'Protocol',
};

/** What each stage checks, as seed 001's troubleshooting table puts it. */
export const STAGE_CHECKS: Record<ConnectionStageName, string> = {
  dns: 'Server hostname or IP reachability',
  tcp: 'Port accessibility',
  tls: 'Security type handshake',
  auth: 'Authentication credentials',
  protocol: 'Protocol availability',
};

/** Where a stage stands. */
export type StageState = 'pending' | 'running' | 'ok' | 'failed' | 'skipped';

/** The status text a row shows, for people and for tests. */
export const STATE_TEXT: Record<StageState, string> = {
  pending: 'pending',
  running: 'running',
  ok: 'passed',
  failed: 'failed',
  skipped: 'skipped',
};

/** One row of the stage list. */
export interface StageRow {
  stage: ConnectionStageName;
  state: StageState;
  ms?: number;
  message?: string;
  hint?: string;
}

/** Every stage pending; the first one running when the test has started. */
export function initialRows(running: boolean): StageRow[] {
  return markRunning(
    STAGE_ORDER.map(stage => ({ stage, state: 'pending' })),
    running,
  );
}

function stateOf(stage: ConnectionStage): StageState {
  if (stage.skipped) return 'skipped';
  return stage.ok ? 'ok' : 'failed';
}

function markRunning(rows: StageRow[], running: boolean): StageRow[] {
  const next = rows.findIndex(
    r => r.state === 'pending' || r.state === 'running',
  );
  return rows.map((row, i) => {
    if (row.state !== 'pending' && row.state !== 'running') return row;
    return { ...row, state: running && i === next ? 'running' : 'pending' };
  });
}

/** The rows after the backend reports one finished stage; the next one runs. */
export function applyStage(
  rows: StageRow[],
  stage: ConnectionStage,
): StageRow[] {
  const updated = rows.map(row =>
    row.stage === stage.stage
      ? {
          stage: stage.stage,
          state: stateOf(stage),
          ms: stage.ms,
          message: stage.message,
          hint: stage.ok ? undefined : stage.hint,
        }
      : row,
  );
  return markRunning(updated, true);
}

/**
 * The rows once the test has answered: stages the answer carries that were
 * not streamed are filled in, stages that never ran show as skipped.
 */
export function finishRows(
  rows: StageRow[],
  result: ConnectionTestResult,
): StageRow[] {
  const filled = (result.stages ?? []).reduce(applyStage, rows);
  return filled.map(row =>
    row.state === 'pending' || row.state === 'running'
      ? {
          ...row,
          state: 'skipped',
          message: result.ok ? row.message : 'Not run: an earlier stage failed',
        }
      : row,
  );
}
