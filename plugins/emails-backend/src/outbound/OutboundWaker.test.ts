import { mockServices } from '@backstage/backend-test-utils';
import { OutboundRunResult, OutboundWorker } from './OutboundWorker';
import { OutboundWaker } from './OutboundWaker';
import { drainOutbound } from './startOutboundWorker';

/** A run the test finishes by hand, recording how many started. */
function gatedRun() {
  const started: AbortSignal[] = [];
  const finishers: Array<() => void> = [];
  const run = (signal: AbortSignal) => {
    started.push(signal);
    return new Promise<void>(resolve => finishers.push(resolve));
  };
  const finishNext = async () => {
    finishers.shift()!();
    // Let the waker's loop decide on the next run.
    await new Promise(resolve => setImmediate(resolve));
  };
  return { run, started, finishNext };
}

describe('OutboundWaker', () => {
  it('runs at once when woken', async () => {
    const gate = gatedRun();
    const waker = new OutboundWaker(gate.run);
    waker.wake();
    expect(gate.started).toHaveLength(1);
    await gate.finishNext();
    expect(gate.started).toHaveLength(1);
  });

  it('folds any number of wakes during a run into exactly one more run', async () => {
    const gate = gatedRun();
    const waker = new OutboundWaker(gate.run);
    waker.wake();
    for (let i = 0; i < 50; i++) waker.wake();
    expect(gate.started).toHaveLength(1);
    await gate.finishNext();
    expect(gate.started).toHaveLength(2);
    await gate.finishNext();
    expect(gate.started).toHaveLength(2);
    waker.wake();
    expect(gate.started).toHaveLength(3);
    await gate.finishNext();
  });

  it('lets the scheduled run wait for the run under way and the one after it', async () => {
    const gate = gatedRun();
    const waker = new OutboundWaker(gate.run);
    waker.wake();
    let scheduledDone = false;
    const scheduled = waker.trigger().then(() => {
      scheduledDone = true;
    });
    await gate.finishNext();
    // Never side by side: the scheduled run is the second, after the first.
    expect(gate.started).toHaveLength(2);
    expect(scheduledDone).toBe(false);
    await gate.finishNext();
    await scheduled;
    expect(scheduledDone).toBe(true);
  });

  it("aborts the run when the scheduler's signal aborts", async () => {
    const gate = gatedRun();
    const waker = new OutboundWaker(gate.run);
    const controller = new AbortController();
    const done = waker.trigger(controller.signal);
    waker.wake();
    controller.abort();
    expect(gate.started[0].aborted).toBe(true);
    await gate.finishNext();
    await done;
    // The wake during an aborted run is dropped; the next wake runs again.
    expect(gate.started).toHaveLength(1);
  });

  it('leaves no abort listener on a long-lived signal after its runs', async () => {
    const waker = new OutboundWaker(async () => {});
    const signal = new AbortController().signal;
    const added = jest.spyOn(signal, 'addEventListener');
    const removed = jest.spyOn(signal, 'removeEventListener');
    for (let i = 0; i < 30; i++) await waker.trigger(signal);
    expect(added).toHaveBeenCalledTimes(30);
    expect(removed).toHaveBeenCalledTimes(30);
  });

  it('stops: aborts the run under way, waits for it and runs no more', async () => {
    const gate = gatedRun();
    const waker = new OutboundWaker(gate.run);
    waker.wake();
    waker.wake();
    const stopped = waker.stop();
    expect(gate.started[0].aborted).toBe(true);
    await gate.finishNext();
    await stopped;
    waker.wake();
    await waker.trigger();
    expect(gate.started).toHaveLength(1);
  });

  it('reports a failed run and runs again on the next wake', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const waker = new OutboundWaker(
      async () => {
        runs += 1;
        if (runs === 1) throw new Error('database gone');
      },
      error => errors.push(error),
    );
    await waker.trigger();
    await waker.trigger();
    expect(runs).toBe(2);
    expect(errors).toEqual([new Error('database gone')]);
  });
});

describe('drainOutbound', () => {
  const logger = mockServices.logger.mock();
  /** A worker whose queue holds `ready` messages, sent `batchSize` per run. */
  function queueOf(ready: number, batchSize = 20) {
    const state = { ready, runs: 0 };
    const worker = {
      batchSize,
      runOnce: async (): Promise<OutboundRunResult> => {
        state.runs += 1;
        const sent = Math.min(batchSize, state.ready);
        state.ready -= sent;
        return { sent, retrying: 0, failed: 0 };
      },
    } as unknown as OutboundWorker;
    return { worker, state };
  }

  it('keeps claiming full batches until the queue is empty', async () => {
    const { worker, state } = queueOf(2000);
    const total = await drainOutbound(
      worker,
      new AbortController().signal,
      60_000,
      logger,
    );
    expect(total.sent).toBe(2000);
    // 100 full batches, then one that finds nothing left.
    expect(state.runs).toBe(101);
  });

  it('stops after a short batch, when the budget ends or on abort', async () => {
    const short = queueOf(7);
    await drainOutbound(
      short.worker,
      new AbortController().signal,
      60_000,
      logger,
    );
    expect(short.state.runs).toBe(1);

    const noBudget = queueOf(2000);
    await drainOutbound(
      noBudget.worker,
      new AbortController().signal,
      0,
      logger,
    );
    expect(noBudget.state.runs).toBe(1);

    const aborted = queueOf(2000);
    const controller = new AbortController();
    controller.abort();
    await drainOutbound(aborted.worker, controller.signal, 60_000, logger);
    expect(aborted.state.runs).toBe(0);
  });
});
