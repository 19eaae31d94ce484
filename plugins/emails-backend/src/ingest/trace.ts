import { TraceEntry } from '@internal/plugin-emails-common';

/** Collects the decisions of one processing run, in order. */
export class Trace {
  readonly entries: TraceEntry[] = [];

  /** Notes what a step decided. */
  add(step: string, decision: string, detail?: Record<string, unknown>): void {
    this.entries.push({
      step,
      at: new Date().toISOString(),
      decision,
      ...(detail ? { detail } : {}),
    });
  }
}

/** Ends processing of a message with a final status and a reason. */
export class StopProcessing extends Error {
  constructor(
    readonly status: 'ignored' | 'rejected' | 'quarantined' | 'duplicate',
    readonly reason: string,
  ) {
    super(reason);
  }
}
