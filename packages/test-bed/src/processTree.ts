import { readdirSync, readFileSync } from 'node:fs';

/** State and parent of a process from /proc/<pid>/stat, if it still exists. */
function statOf(pid: string): { state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses; fields after it don't.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Direct children of a process, read from /proc (empty where /proc is unavailable). */
export function childPids(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter(name => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return entries.filter(name => statOf(name)?.ppid === pid).map(Number);
}

/**
 * Sends a signal to a process and its direct children, ignoring ones already
 * gone; returns the pids signalled.
 */
export function signalWithChildren(
  pid: number,
  signal: NodeJS.Signals,
): number[] {
  const targets = [...childPids(pid), pid];
  for (const target of targets) {
    try {
      process.kill(target, signal);
    } catch {
      // Already exited.
    }
  }
  return targets;
}

const isGone = (pid: number) => {
  const stat = statOf(String(pid));
  // A zombie has already released its sockets.
  return !stat || stat.state === 'Z';
};

/** Resolves once every pid has exited or `timeoutMs` has passed. */
export async function waitForExit(
  pids: number[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pids.every(isGone) && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}
