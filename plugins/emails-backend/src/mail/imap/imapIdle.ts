import { ImapFlow } from 'imapflow';
import { setTimeout as sleep } from 'node:timers/promises';
import { WaitResult } from '../MailFetcher';

/** Remembers that the server announced new mail since the last listing. */
export class NewMailWatch {
  private pending = false;
  private readonly listeners = new Set<() => void>();

  /** Called on an EXISTS that grew the folder. */
  announce(): void {
    this.pending = true;
    for (const listener of [...this.listeners]) listener();
  }

  /** Called when a listing starts: everything present now will be in it. */
  reset(): void {
    this.pending = false;
  }

  get hasPending(): boolean {
    return this.pending;
  }

  /** Calls `listener` on the next announcement; returns the unsubscribe. */
  onAnnounce(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

// When a server refuses IDLE or ends it at once, check with NOOP this often.
const NOOP_FALLBACK_MS = 30_000;

/** Re-enters IDLE until told to stop; a server that will not IDLE gets a NOOP now and then. */
async function keepIdling(client: ImapFlow, stop: AbortSignal): Promise<void> {
  while (!stop.aborted && client.usable) {
    const started = Date.now();
    const ok = await client.idle().catch(() => false);
    if (stop.aborted || (ok !== false && Date.now() - started >= 1000)) {
      continue;
    }
    await sleep(NOOP_FALLBACK_MS, undefined, { signal: stop }).catch(
      () => undefined,
    );
    if (!stop.aborted && client.usable) {
      await client.noop().catch(() => undefined);
    }
  }
}

/** Resolves with the first of: new mail, timeout, abort, connection closed. */
function firstWake(
  client: ImapFlow,
  watch: NewMailWatch,
  options: { signal: AbortSignal; maxWaitMs: number },
): { result: Promise<WaitResult>; dispose: () => void } {
  let dispose = () => {};
  const result = new Promise<WaitResult>(resolve => {
    const onAbort = () => resolve('aborted');
    const onClose = () => resolve('closed');
    const timer = setTimeout(() => resolve('timeout'), options.maxWaitMs);
    const unsubscribe = watch.onAnnounce(() => resolve('new-mail'));
    options.signal.addEventListener('abort', onAbort, { once: true });
    client.once('close', onClose);
    dispose = () => {
      clearTimeout(timer);
      unsubscribe();
      options.signal.removeEventListener('abort', onAbort);
      client.removeListener('close', onClose);
    };
  });
  return { result, dispose };
}

/**
 * Holds IDLE on the folder the caller has locked until something wakes it,
 * then leaves IDLE (a NOOP sends DONE) so the connection is free again.
 */
export async function idleUntilWoken(
  client: ImapFlow,
  watch: NewMailWatch,
  options: { signal: AbortSignal; maxWaitMs: number },
): Promise<WaitResult> {
  if (options.signal.aborted) return 'aborted';
  if (watch.hasPending) return 'new-mail';
  if (!client.usable) return 'closed';
  const wake = firstWake(client, watch, options);
  const stop = new AbortController();
  const idling = keepIdling(client, stop.signal);
  try {
    return await wake.result;
  } finally {
    wake.dispose();
    stop.abort();
    if (client.usable) await client.noop().catch(() => undefined);
    // Bounded: a dead connection must not keep the caller here.
    await Promise.race([idling, sleep(10_000, undefined, { ref: false })]);
  }
}
