import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { BackendCommand, BackendStart } from './backendChild';
import { compiledBackendChild, compiledNodePath } from './compiled';

/** A bench backend running in a child process. */
export interface BackendChild {
  process: ChildProcess;
  /** Commit time (ms since epoch) of each bench message, by X-Bench-Seq. */
  processed: Map<number, number>;
  /** The next message of this type from the child. */
  next(type: string, timeoutMs?: number): Promise<any>;
  send(command: BackendCommand): void;
  /** Stops the runners and waits for the process to end: the peak RSS increase since ready. */
  stop(): Promise<number | undefined>;
}

const running = new Set<ChildProcess>();

/** Kills every bench backend still running (a failed bench's afterAll). */
export function killBackends(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** How a bench backend is started: compiled JavaScript, or BENCH_TRANSFORM=1 for TypeScript through Backstage's transform. */
function childModule(): { path: string; execArgv: string[]; env: object } {
  if (process.env.BENCH_TRANSFORM === '1') {
    return {
      path: join(__dirname, 'backendChild.ts'),
      execArgv: [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ],
      env: {},
    };
  }
  return {
    path: compiledBackendChild(),
    execArgv: [],
    env: { NODE_PATH: compiledNodePath() },
  };
}

/**
 * Forks backendChild (compiled, as a built backend runs; see compiled.ts)
 * and starts it; resolves once it is fetching (or, bare, once it is done).
 */
export function forkBackend(start: BackendStart): BackendChild {
  const module = childModule();
  const child = fork(module.path, [], {
    execArgv: [
      ...module.execArgv,
      // BENCH_CPU_PROF=<dir>: a .cpuprofile of every bench backend (docs/performance.md).
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
    ],
    env: { ...process.env, ...module.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const processed = new Map<number, number>();
  const waiting: { type: string; resolve: (m: any) => void }[] = [];
  const inbox: any[] = [];
  child.on('message', (m: any) => {
    if (m.type === 'processed') {
      for (const [seq, at] of m.items) processed.set(seq, at);
      return;
    }
    if (m.type === 'error')
      process.stderr.write(`bench backend: ${m.message}\n`);
    const i = waiting.findIndex(w => w.type === m.type || m.type === 'error');
    if (i >= 0) waiting.splice(i, 1)[0].resolve(m);
    else inbox.push(m);
  });
  const next = (type: string, timeoutMs = 600_000) => {
    const i = inbox.findIndex(m => m.type === type);
    if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0]);
    return new Promise<any>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`bench backend: no ${type} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      waiting.push({
        type,
        resolve: m => {
          clearTimeout(timer);
          if (m.type === 'error') reject(new Error(m.message));
          else resolve(m);
        },
      });
    });
  };
  const send = (command: BackendCommand) => child.send(command);
  send({ type: 'start', start });
  return {
    process: child,
    processed,
    next,
    send,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null)
        return undefined;
      const exited = new Promise(resolve => child.once('exit', resolve));
      send({ type: 'stop' });
      const stopped = await next('stopped', 30_000).catch(() => undefined);
      await Promise.race([exited, new Promise(r => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null)
        child.kill('SIGKILL');
      return stopped?.peakIncrease;
    },
  };
}
