/**
 * Lets "Sync now" cut short the IDLE wait of a run in this process, also
 * when it asks while the run is between waits.
 */
export class Waker {
  private requested = false;
  private controller = new AbortController();

  /** Ends the current wait, or the next one before it starts. */
  wake(): void {
    this.requested = true;
    this.controller.abort();
  }

  /** Runs `waiting` with a signal that wake() aborts; 'woken' when a wake came first. */
  async wait<T>(
    waiting: (signal: AbortSignal) => Promise<T>,
  ): Promise<T | 'woken'> {
    if (this.requested) {
      this.reset();
      return 'woken';
    }
    try {
      return await waiting(this.controller.signal);
    } finally {
      this.reset();
    }
  }

  private reset() {
    this.requested = false;
    if (this.controller.signal.aborted) this.controller = new AbortController();
  }
}
