type SyncCleanup = () => void;

const pending = new Set<SyncCleanup>();
let installed = false;

function runAll(): void {
  // Newest first, like nested try/finally: processes die before their files go.
  for (const cleanup of [...pending].reverse()) {
    pending.delete(cleanup);
    try {
      cleanup();
    } catch {
      // Best effort: the process is going away anyway.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  runAll();
  // Only re-raise when nobody else handles the signal; otherwise our handler
  // would change the program's behaviour by swallowing it.
  if (process.listenerCount(signal) === 1) {
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  // 'exit' handlers must be synchronous, so cleanups only send signals and
  // remove files; graceful shutdown is the job of stop().
  process.once('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, onSignal);
  }
}

/**
 * Registers a synchronous cleanup to run if the process exits before it is
 * unregistered; returns the unregister function.
 */
export function registerExitCleanup(cleanup: SyncCleanup): () => void {
  install();
  pending.add(cleanup);
  return () => {
    pending.delete(cleanup);
  };
}
