import { performance } from 'node:perf_hooks';
import { MailTimeoutError } from './errors';

/** The time budget shared by every step of one run. */
export class Deadline {
  private readonly endsAt: number;

  constructor(readonly totalMs: number) {
    this.endsAt = performance.now() + totalMs;
  }

  /** Milliseconds left, never negative. */
  remaining(): number {
    return Math.max(0, Math.floor(this.endsAt - performance.now()));
  }

  /**
   * The time one step may wait: its own cap when it has one, bounded by
   * what is left, and whether running out means the whole budget is spent.
   */
  slice(capMs?: number): { ms: number; budgetLimited: boolean } {
    const left = this.remaining();
    if (capMs === undefined || capMs >= left) {
      return { ms: left, budgetLimited: true };
    }
    return { ms: capMs, budgetLimited: false };
  }
}

/**
 * Settles like `promise`, or rejects after `ms` with a MailTimeoutError and
 * calls `onTimeout` (to destroy the socket that is waited on). The timer
 * never outlives the race.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
  options: { budgetLimited?: boolean; onTimeout?: () => void } = {},
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      options.onTimeout?.();
      reject(
        new MailTimeoutError(what, ms, {
          budgetLimited: options.budgetLimited ?? true,
        }),
      );
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
