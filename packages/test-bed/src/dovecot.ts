import { ChildProcess, spawn } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { registerExitCleanup } from './cleanup';
import {
  DovecotAccounts,
  DovecotPaths,
  DovecotPorts,
  renderDovecotConfig,
  renderOAuth2Config,
  renderPasswdFile,
  TestUser,
} from './dovecotConfig';
import { findDovecot, forgetInstance, resolveAccounts } from './dovecotSystem';
import { freePorts, waitForPort } from './ports';
import { refusalEnvironment, writeRefusalFiles } from './refusals';
import { signalWithChildren, waitForExit } from './processTree';

/** Options of {@link startDovecot}. */
export interface StartDovecotOptions {
  dir: string;
  users: readonly TestUser[];
  certPath: string;
  keyPath: string;
  relay: { host: string; port: number };
  introspectionUrl: string;
  /** CA file Dovecot trusts for the HTTPS introspection request. */
  introspectionCaPath?: string;
  authDebug?: boolean;
  startupTimeoutMs: number;
  /** Listen on these ports (a restart keeps its clients' settings valid); default free ones. */
  ports?: DovecotPorts;
}

/** A running throwaway Dovecot. */
export interface DovecotInstance {
  ports: DovecotPorts;
  paths: DovecotPaths;
  /** Dovecot's log file plus anything the master printed to stdout/stderr. */
  log(): string;
  stop(): Promise<void>;
}

const MAX_OUTPUT = 64 * 1024;
const BIND_ATTEMPTS = 3;

async function preparePaths(
  opts: StartDovecotOptions,
  accounts: DovecotAccounts,
): Promise<DovecotPaths> {
  const root = path.join(opts.dir, 'dovecot');
  const paths: DovecotPaths = {
    configPath: path.join(root, 'dovecot.conf'),
    baseDir: path.join(root, 'run'),
    logPath: path.join(root, 'dovecot.log'),
    mailRoot: path.join(root, 'mail'),
    passwdPath: path.join(root, 'users.passwd'),
    refusedPasswdPrefix: path.join(root, 'refused-'),
    oauthConfigPath: path.join(root, 'oauth2.conf.ext'),
    certPath: opts.certPath,
    keyPath: opts.keyPath,
  };
  await fs.mkdir(paths.mailRoot, { recursive: true });
  // Dovecot's unprivileged service users must traverse these directories
  // and read the passdb files when the test bed runs as root.
  await fs.chmod(opts.dir, 0o711);
  await fs.chmod(root, 0o711);
  await fs.chown(paths.mailRoot, accounts.mailUid, accounts.mailGid);
  await fs.writeFile(paths.passwdPath, renderPasswdFile(opts.users), {
    mode: 0o644,
  });
  await fs.writeFile(
    paths.oauthConfigPath,
    renderOAuth2Config(
      opts.introspectionUrl,
      opts.authDebug ?? false,
      opts.introspectionCaPath,
    ),
    { mode: 0o644 },
  );
  await writeRefusalFiles(opts.users, paths.refusedPasswdPrefix);
  return paths;
}

function readLog(paths: DovecotPaths, output: string[]): string {
  let log = '';
  try {
    log = readFileSync(paths.logPath, 'utf8');
  } catch {
    // No log file yet: Dovecot failed before its log process started.
  }
  const extra = output.join('');
  return extra ? `${log}\n[dovecot stdout/stderr]\n${extra}` : log;
}

function exitPromise(child: ChildProcess): Promise<void> {
  return new Promise(resolve => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>(r => {
    timer = setTimeout(() => r(false), ms);
  });
  const result = await Promise.race([promise.then(() => true), timeout]);
  clearTimeout(timer);
  return result;
}

// Dovecot usually shuts down in about a second, but a login process that is
// still starting can make the master wait its full 6 s kill timeout.
const GRACEFUL_STOP_MS = 2_000;

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = exitPromise(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (await within(exited, GRACEFUL_STOP_MS)) return;
  if (child.pid === undefined) return;
  // The children go too: login processes hold the listening sockets.
  const pids = signalWithChildren(child.pid, 'SIGKILL');
  await within(exited, 5_000);
  await waitForExit(pids, 5_000);
}

function spawnDovecot(
  binary: string,
  paths: DovecotPaths,
  output: string[],
  users: readonly TestUser[],
): ChildProcess {
  const child = spawn(binary, ['-F', '-c', paths.configPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...refusalEnvironment(users) },
  });
  let size = 0;
  const collect = (chunk: Buffer) => {
    if (size < MAX_OUTPUT) output.push(chunk.toString('utf8'));
    size += chunk.length;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('error', err => output.push(`spawn error: ${err.message}\n`));
  return child;
}

async function waitForListeners(
  child: ChildProcess,
  ports: DovecotPorts,
  timeoutMs: number,
): Promise<void> {
  const exitReason = () =>
    child.exitCode !== null || child.signalCode !== null
      ? `dovecot exited early (code ${child.exitCode}, signal ${child.signalCode})`
      : undefined;
  await Promise.all(
    Object.values(ports).map(p => waitForPort(p, timeoutMs, exitReason)),
  );
}

async function allocatePorts(): Promise<DovecotPorts> {
  const [imap, imaps, pop3, pop3s, submission, lmtp] = await freePorts(6);
  return { imap, imaps, pop3, pop3s, submission, lmtp };
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Starts Dovecot on free loopback ports and resolves once every listener accepts connections. */
export async function startDovecot(
  opts: StartDovecotOptions,
): Promise<DovecotInstance> {
  const binary = findDovecot();
  const accounts = await resolveAccounts();
  const paths = await preparePaths(opts, accounts);
  const instanceName = path.basename(opts.dir);
  for (let attempt = 1; ; attempt++) {
    const ports = opts.ports ?? (await allocatePorts());
    const config = renderDovecotConfig({
      instanceName,
      paths,
      ports,
      accounts,
      relay: opts.relay,
      introspectionUrl: opts.introspectionUrl,
      authDebug: opts.authDebug ?? false,
      users: opts.users,
    });
    await fs.writeFile(paths.configPath, config, { mode: 0o644 });
    // A fresh log per attempt, so a retry is judged by its own messages.
    await fs.rm(paths.logPath, { force: true });
    const output: string[] = [];
    const child = spawnDovecot(binary, paths, output, opts.users);
    const unregister = registerExitCleanup(() => {
      // No time for a graceful shutdown when the test process exits.
      if (child.pid !== undefined) signalWithChildren(child.pid, 'SIGKILL');
      forgetInstance(paths);
    });
    try {
      await waitForListeners(child, ports, opts.startupTimeoutMs);
    } catch (error) {
      await stopChild(child);
      forgetInstance(paths);
      unregister();
      const log = readLog(paths, output);
      // Another process may grab a probed port before Dovecot binds it.
      if (/Address already in use/i.test(log) && attempt < BIND_ATTEMPTS)
        continue;
      throw new Error(
        `test-bed: Dovecot did not start: ${(error as Error).message}\n${tail(
          log,
        )}`,
      );
    }
    return {
      ports,
      paths,
      log: () => readLog(paths, output),
      stop: async () => {
        await stopChild(child);
        forgetInstance(paths);
        unregister();
      },
    };
  }
}
