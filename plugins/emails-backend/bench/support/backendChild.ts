/**
 * One bench backend in its own process (forked by child.ts): the fetching
 * pipeline over a set of IMAP mailboxes, so its RSS and CPU are its own and
 * replicas can be killed. Talks to the bench over IPC (see BackendCommand).
 */
import { DEFAULT_EMAIL_PREFERENCES } from '@internal/plugin-emails-common';
import knexFactory, { Knex } from 'knex';
import { bareImapFetch } from './bare';
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
  /** Instead of the pipeline: the bare imapflow + mailparser fetch of mailboxes[0]. */
  bare?: boolean;
}

/** Messages from the bench to the child. */
export type BackendCommand =
  | { type: 'start'; start: BackendStart }
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
  const result = await bareImapFetch(start.imap, start.mailboxes[0]);
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
  const controller = new AbortController();
  const loops = ids.map(async id => {
    while (!controller.signal.aborted) {
      await runner.run(id, controller.signal);
      // As the scheduler's next run: never a tight reconnect loop.
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  });
  const reporter = reportProcessed(timings.processed);
  const maxRssBefore = peakRss();
  const sampler = new RssSampler(5);
  send({ type: 'ready', rss: sampler.startRss });
  return async () => {
    const increase = peakIncrease(sampler, maxRssBefore);
    controller.abort();
    await Promise.allSettled(loops);
    clearInterval(reporter);
    await knex.destroy();
    return increase;
  };
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
    } else if (command.type === 'measure-idle') {
      const cpu = process.cpuUsage();
      const began = Date.now();
      await new Promise(resolve => setTimeout(resolve, command.ms));
      const used = process.cpuUsage(cpu);
      const cpuPercent =
        ((used.user + used.system) / 1000 / (Date.now() - began)) * 100;
      send({ type: 'idle', rss: rssNow(), peak: peakRss(), cpuPercent });
    } else if (command.type === 'stop') {
      const increase = await stop?.();
      send({ type: 'stopped', rss: rssNow(), peakIncrease: increase });
      process.disconnect?.();
    }
  } catch (error) {
    send({ type: 'error', message: String((error as Error)?.stack ?? error) });
  }
});
