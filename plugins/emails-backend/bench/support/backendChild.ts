/**
 * One bench backend in its own process (forked by child.ts): the fetching
 * pipeline over a set of IMAP mailboxes, so its RSS and CPU are its own and
 * replicas can be killed. Talks to the bench over IPC (see BackendCommand).
 */
import { DEFAULT_EMAIL_PREFERENCES } from '@internal/plugin-emails-common';
import knexFactory, { Knex } from 'knex';
import { bareImapFetch, bareImapStream } from './bare';
import { MailboxLock } from './mailboxLock';
import { RssSampler } from './measure';
import { Stores } from '../../src/database';
import { addMailbox, benchReplica, BenchImap } from './replica';

/** How the bench starts a backend child. */
export interface BackendStart {
  imap: BenchImap;
  /** knex configuration: a SQLite file or the PostgreSQL connection. */
  database: Knex.Config;
  mailboxes: string[];
  /** Add the incoming servers (the first replica), or find them. */
  createServers: boolean;
  serverSettings?: Record<string, unknown>;
  idleHoldMs: number;
  maxSizeMb?: number;
  /**
   * Instead of the pipeline: the bare imapflow + mailparser fetch of
   * mailboxes[0]; 'stream': the streamed one, attachments into files under
   * `streamDir`.
   */
  bare?: boolean | 'stream';
  streamDir?: string;
  /**
   * Replicas on one PostgreSQL: a mailbox runs in one replica at a time
   * (mailboxLock.ts), as the scheduler's global fetch tasks make it.
   */
  oneReplicaPerMailbox?: boolean;
  /** Connect and report ready, but fetch only on the bench's `go` (all replicas at once). */
  waitForGo?: boolean;
}

/** Messages from the bench to the child. */
export type BackendCommand =
  | { type: 'start'; start: BackendStart }
  | { type: 'go' }
  | { type: 'measure-idle'; ms: number }
  | { type: 'stop' };

function send(message: unknown) {
  process.send?.(message);
}

function rssNow() {
  return process.memoryUsage.rss();
}

/** Peak RSS of this process so far, in bytes (the kernel's high-water mark). */
function peakRss() {
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * The peak RSS increase since `sampler` started: the sampler's peak, or the
 * kernel's high-water mark when it rose meanwhile (a synchronous step can
 * starve the sampling timer).
 */
function peakIncrease(sampler: RssSampler, maxRssBefore: number) {
  const sampled = sampler.stop();
  const kernel = peakRss();
  const peak =
    kernel > maxRssBefore ? Math.max(kernel, sampled.peak) : sampled.peak;
  return peak - sampler.startRss;
}

async function runBare(start: BackendStart) {
  const maxRssBefore = peakRss();
  const sampler = new RssSampler(5);
  const began = Date.now();
  const result =
    start.bare === 'stream'
      ? await bareImapStream(start.imap, start.mailboxes[0], start.streamDir!)
      : await bareImapFetch(start.imap, start.mailboxes[0]);
  const ms = Date.now() - began;
  send({
    type: 'bare-done',
    ...result,
    ms,
    rss: sampler.startRss,
    peakIncrease: peakIncrease(sampler, maxRssBefore),
  });
}

/** The incoming servers of the start's mailboxes: added by the first replica, found by the others. */
async function serverIds(stores: Stores, start: BackendStart) {
  const ids: string[] = [];
  const existing = await stores.incomingServers.list();
  for (const user of start.mailboxes) {
    const found = existing.find(s => s.email === user);
    ids.push(
      found?.id ??
        (await addMailbox(stores, start.imap, user, start.serverSettings)).id,
    );
  }
  return ids;
}

/** Tells the bench every 10 ms which bench messages were committed since, and when. */
function reportProcessed(processed: Map<number, number>) {
  const reported = new Set<number>();
  return setInterval(() => {
    const fresh = [...processed].filter(([seq]) => !reported.has(seq));
    fresh.forEach(([seq]) => reported.add(seq));
    if (fresh.length) send({ type: 'processed', items: fresh });
  }, 10);
}

// The bench's `go`: replicas started with waitForGo fetch from then on.
let started: () => void = () => undefined;
const go = new Promise<void>(resolve => {
  started = resolve;
});

/** How many of the backend's mailboxes last synced (reachable) and how many did not. */
let mailboxStatuses = async () => ({ reachable: 0, failing: 0 });

async function runPipeline(start: BackendStart) {
  const knex = knexFactory(start.database);
  const { stores, runner, timings } = await benchReplica(knex, start.imap, {
    idleHoldMs: start.idleHoldMs,
    preferences: start.maxSizeMb
      ? {
          limits: {
            ...DEFAULT_EMAIL_PREFERENCES.limits,
            maxMessageSizeMb: start.maxSizeMb,
            maxAttachmentSizeMb: start.maxSizeMb,
          },
        }
      : undefined,
  });
  const ids = await serverIds(stores, start);
  mailboxStatuses = async () => {
    const health = await stores.health.byServer('incoming');
    const statuses = ids.map(id => health.get(id)?.status ?? 'unknown');
    return {
      reachable: statuses.filter(s => s === 'reachable').length,
      failing: statuses.filter(s => s !== 'reachable').length,
    };
  };
  const controller = new AbortController();
  const lock = start.oneReplicaPerMailbox
    ? MailboxLock.open(start.database)
    : undefined;
  const runOnce = async (id: string) => {
    if (lock && !(await lock.take(id))) return;
    try {
      await runner.run(id, controller.signal);
    } finally {
      await lock?.release(id);
    }
  };
  const loop = async (id: string) => {
    if (start.waitForGo) await go;
    while (!controller.signal.aborted) {
      await runOnce(id).catch(() => undefined);
      // As the scheduler's next run: never a tight reconnect loop.
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  };
  // Racing replicas try the mailboxes in their own order, as the scheduler's
  // workers claim due tasks in whatever order their checks come.
  const loops = shuffled(ids).map(loop);
  const reporter = reportProcessed(timings.processed);
  const maxRssBefore = peakRss();
  const sampler = new RssSampler(5);
  send({ type: 'ready', rss: sampler.startRss });
  return async () => {
    const increase = peakIncrease(sampler, maxRssBefore);
    controller.abort();
    await Promise.allSettled(loops);
    await lock?.close();
    clearInterval(reporter);
    await knex.destroy();
    return increase;
  };
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

let stop: (() => Promise<number>) | undefined;

// A bench that died must not leave its backend behind.
process.on('disconnect', () => process.exit(0));

process.on('message', async (command: BackendCommand) => {
  try {
    if (command.type === 'start' && command.start.bare) {
      await runBare(command.start);
    } else if (command.type === 'start') {
      stop = await runPipeline(command.start);
    } else if (command.type === 'go') {
      started();
    } else if (command.type === 'measure-idle') {
      const cpu = process.cpuUsage();
      const began = Date.now();
      await new Promise(resolve => setTimeout(resolve, command.ms));
      const used = process.cpuUsage(cpu);
      const cpuPercent =
        ((used.user + used.system) / 1000 / (Date.now() - began)) * 100;
      send({
        type: 'idle',
        rss: rssNow(),
        peak: peakRss(),
        cpuPercent,
        ...(await mailboxStatuses()),
      });
    } else if (command.type === 'stop') {
      const increase = await stop?.();
      send({ type: 'stopped', rss: rssNow(), peakIncrease: increase });
      process.disconnect?.();
    }
  } catch (error) {
    send({ type: 'error', message: String((error as Error)?.stack ?? error) });
  }
});
