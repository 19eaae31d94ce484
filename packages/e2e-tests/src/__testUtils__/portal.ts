// Starts the local portal with the README's first command (scripts/start.sh)
// for browser tests, unless E2E_BASE_URL points at a running one.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

// This package is never built: its files stay where they are.
// eslint-disable-next-line no-restricted-syntax
const repoRoot = resolve(__dirname, '../../../..');

/** A running portal and how to stop it. */
export interface Portal {
  appUrl: string;
  backendUrl: string;
  stop(): Promise<void>;
}

async function waitFor(url: string, deadline: number, child?: ChildProcess) {
  let lastError = '';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(
        `The portal exited with ${child.exitCode} before ${url} answered`,
      );
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (e) {
      lastError = String(e);
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer in time (${lastError})`);
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

/** Starts the portal on :3000 / :7007 and waits until both answer (bounded). */
export async function startPortal(
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Portal> {
  const timeoutMs = options.timeoutMs ?? 240_000;
  const appUrl = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
  const backendUrl = process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';
  const deadline = Date.now() + timeoutMs;
  if (process.env.E2E_BASE_URL) {
    await waitFor(`${backendUrl}/api/emails/health`, deadline);
    return { appUrl, backendUrl, stop: async () => {} };
  }
  for (const url of [appUrl, backendUrl]) {
    if (await answers(url)) {
      throw new Error(
        `Something already answers at ${url}; stop it before the browser tests (they start their own portal)`,
      );
    }
  }
  const output: string[] = [];
  const child = spawn('./scripts/start.sh', [], {
    cwd: repoRoot,
    detached: true,
    // Jest sets NODE_ENV=test; the local portal runs as in development.
    env: {
      ...process.env,
      ...options.env,
      NODE_ENV: 'development',
      BROWSER: 'none',
      CI: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // The whole process group goes, even when the CLI itself already exited:
  // its backend and frontend children may outlive it and hold the ports.
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  const stop = async () => {
    signal('SIGTERM');
    const gone = Date.now() + 15_000;
    while (
      Date.now() < gone &&
      ((await answers(backendUrl)) || (await answers(appUrl)))
    ) {
      await new Promise(r => setTimeout(r, 250));
    }
    signal('SIGKILL');
  };
  try {
    await waitFor(`${backendUrl}/api/emails/health`, deadline, child);
    // Every plugin started, auth too: the emails plugin may answer before
    // the guest sign-in does, on a busy machine.
    await waitFor(
      `${backendUrl}/.backstage/health/v1/readiness`,
      deadline,
      child,
    );
    await waitFor(appUrl, deadline, child);
  } catch (error) {
    await stop();
    throw new Error(`${error}\n--- portal output ---\n${output.join('')}`);
  }
  return { appUrl, backendUrl, stop };
}
