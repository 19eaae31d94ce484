// Starts the local portal with the README's first command (scripts/start.sh)
// for browser tests, unless E2E_BASE_URL points at a running one.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../../..');

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

/** Starts the portal on :3000 / :7007 and waits until both answer (bounded). */
export async function startPortal(timeoutMs = 240_000): Promise<Portal> {
  const appUrl = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
  const backendUrl = process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';
  const deadline = Date.now() + timeoutMs;
  if (process.env.E2E_BASE_URL) {
    await waitFor(`${backendUrl}/api/emails/health`, deadline);
    return { appUrl, backendUrl, stop: async () => {} };
  }
  const output: string[] = [];
  const child = spawn('./scripts/start.sh', [], {
    cwd: repoRoot,
    detached: true,
    env: { ...process.env, BROWSER: 'none', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise(r => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitFor(`${backendUrl}/api/emails/health`, deadline, child);
    await waitFor(appUrl, deadline, child);
  } catch (error) {
    await stop();
    throw new Error(`${error}\n--- portal output ---\n${output.join('')}`);
  }
  return { appUrl, backendUrl, stop };
}
