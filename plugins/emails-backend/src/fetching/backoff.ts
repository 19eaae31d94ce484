import { setTimeout as sleep } from 'node:timers/promises';

/** Bounds of the reconnect back-off. */
export interface BackoffSettings {
  /** Wait after the first failure. */
  initialMs: number;
  /** The longest wait, however many failures in a row. */
  maxMs: number;
}

/** Default: 2 s, doubling, at most 5 minutes. */
export const DEFAULT_BACKOFF: BackoffSettings = {
  initialMs: 2_000,
  maxMs: 5 * 60_000,
};

/** The wait before the next attempt after `failures` consecutive failures (1 = the first). */
export function backoffDelay(
  failures: number,
  settings: BackoffSettings = DEFAULT_BACKOFF,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(settings.initialMs * 2 ** exponent, settings.maxMs);
}

/** Waits `ms`, or less when the signal aborts; never throws. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
