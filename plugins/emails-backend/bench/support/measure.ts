/**
 * Timing, percentiles, RSS and CPU sampling for the benchmarks. Figures are
 * printed, never asserted (docs/testing.md, Benchmarks).
 */

/** The bench's scale: 1 = the sizes of issue 15, 0.05 for a quick run. */
export const BENCH_SCALE = Math.max(
  0.001,
  Number(process.env.BENCH_SCALE ?? '1') || 1,
);

/** `n` at the bench's scale, never below `min`. */
export function scaled(n: number, min = 1): number {
  return Math.max(min, Math.round(n * BENCH_SCALE));
}

/** Milliseconds since `start` (from {@link now}). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** A monotonic clock reading for {@link msSince}. */
export function now(): bigint {
  return process.hrtime.bigint();
}

/** The p-th percentile (nearest rank) of `values`; NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** Bytes as MiB, one decimal. */
export function mib(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

/**
 * Samples this process's RSS every `intervalMs`; the peak also takes the
 * readings at start and stop, since a long synchronous step can starve the
 * timer (the child-process figures use the kernel's maxRSS instead).
 */
export class RssSampler {
  private readonly timer: NodeJS.Timeout;
  readonly startRss = process.memoryUsage.rss();
  private peakRss = this.startRss;
  private samples = 1;

  constructor(intervalMs = 10) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample() {
    this.samples++;
    this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
  }

  /** Stops sampling: the peak increase over the start, in bytes. */
  stop(): { peakIncrease: number; peak: number; samples: number } {
    clearInterval(this.timer);
    this.sample();
    return {
      peakIncrease: this.peakRss - this.startRss,
      peak: this.peakRss,
      samples: this.samples,
    };
  }
}

/** CPU used by this process over a window, as a percentage of one core. */
export function cpuWindow(): () => number {
  const cpu = process.cpuUsage();
  const start = now();
  return () => {
    const used = process.cpuUsage(cpu);
    return ((used.user + used.system) / 1000 / msSince(start)) * 100;
  };
}

/** Waits `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** Polls `check` every `everyMs` until it holds or `timeoutMs` passes; true when it held. */
export async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  everyMs = 20,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}
