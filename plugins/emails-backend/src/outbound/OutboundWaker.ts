/**
 * Runs a job at once when asked, one run at a time: a request during a run
 * makes exactly one more run right after it, however many requests came.
 * The outbound worker's wake and its scheduled run both go through it, so
 * they never send side by side in one process.
 */
export class OutboundWaker {
  private current?: {
    done: Promise<void>;
    controller: AbortController;
    unfollow: Array<() => void>;
  };
  private again = false;
  private stopped = false;

  constructor(
    private readonly run: (signal: AbortSignal) => Promise<unknown>,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Asks for a run now; coalesced with the one under way. */
  wake(): void {
    this.trigger().catch(this.onError);
  }

  /**
   * Asks for a run and resolves when it (or the extra run it was folded
   * into) has finished; `signal` aborting stops that run, as the scheduler's does.
   */
  trigger(signal?: AbortSignal): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.current) {
      this.again = true;
      this.current.unfollow.push(follow(signal, this.current.controller));
      return this.current.done;
    }
    const controller = new AbortController();
    const unfollow = [follow(signal, controller)];
    const done = this.loop(controller.signal).finally(() => {
      this.current = undefined;
      // A long-lived caller's signal must not collect a listener per run.
      unfollow.forEach(remove => remove());
    });
    this.current = { done, controller, unfollow };
    return done;
  }

  /** Stops the run under way and refuses new ones (shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    const current = this.current;
    if (!current) return;
    current.controller.abort();
    await current.done;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    // Ends once a run passes without a request: every repeat needs a new wake.
    do {
      this.again = false;
      try {
        await this.run(signal);
      } catch (error) {
        this.onError(error);
      }
    } while (this.again && !signal.aborted && !this.stopped);
  }
}

/** Aborts `controller` when `signal` does; returns the listener's removal. */
function follow(
  signal: AbortSignal | undefined,
  controller: AbortController,
): () => void {
  if (!signal) return () => {};
  if (signal.aborted) {
    controller.abort();
    return () => {};
  }
  const abort = () => controller.abort();
  signal.addEventListener('abort', abort, { once: true });
  return () => signal.removeEventListener('abort', abort);
}
