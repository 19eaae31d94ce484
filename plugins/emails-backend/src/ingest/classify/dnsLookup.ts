import { Resolver } from 'node:dns/promises';

/**
 * One DNS question, as mailauth asks it (its `resolver` option): TXT answers
 * are lists of character-strings, A and AAAA lists of addresses, MX objects.
 * A name without records rejects with code ENOTFOUND or ENODATA; any other
 * code (ETIMEOUT, ESERVFAIL, ...) is a temporary error.
 */
export type DnsLookup = (name: string, rrtype: string) => Promise<any>;

/** A DNS failure other than "no such record", for the trace. */
export interface DnsFailure {
  name: string;
  rrtype: string;
  code: string;
}

/** Error codes that mean the record does not exist: an answer, not a failure. */
const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * The production lookup: node's resolver, on the given servers (`host` or
 * `host:port`) or the system's. It is built once, at startup, and only when
 * verification is on, so no test constructs it.
 */
export function systemDnsLookup(options: {
  servers?: string[];
  timeoutMs: number;
}): DnsLookup {
  // One try: the per-message budget of boundedLookup decides how long to wait in all.
  const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
  if (options.servers?.length) resolver.setServers(options.servers);
  return (name, rrtype) => resolver.resolve(name, rrtype as any);
}

function timeoutError(name: string, rrtype: string, why: string) {
  return Object.assign(new Error(`${rrtype} ${name}: ${why}`), {
    code: 'ETIMEOUT',
  });
}

/**
 * Bounds the lookups of one message: each one waits at most `timeoutMs`,
 * and after `budgetMs` in all every further one fails at once, so a slow
 * DNS never stalls a mailbox. Failures (not "no record") are collected for
 * the trace; mailauth turns them into temperror.
 */
export function boundedLookup(
  lookup: DnsLookup,
  limits: { timeoutMs: number; budgetMs: number },
): { lookup: DnsLookup; failures: DnsFailure[] } {
  const failures: DnsFailure[] = [];
  const deadline = Date.now() + limits.budgetMs;
  const bounded: DnsLookup = async (name, rrtype) => {
    const left = Math.min(limits.timeoutMs, deadline - Date.now());
    let timer: NodeJS.Timeout | undefined;
    try {
      if (left <= 0) {
        throw timeoutError(name, rrtype, 'DNS time budget spent');
      }
      return await Promise.race([
        lookup(name, rrtype),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(timeoutError(name, rrtype, 'DNS lookup timed out')),
            left,
          );
        }),
      ]);
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? 'EFAILED');
      if (!NO_RECORD.has(code)) failures.push({ name, rrtype, code });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
  return { lookup: bounded, failures };
}
