import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';
import { HostLookup } from '../types';
import { withTimeout } from './deadline';

const systemLookup: HostLookup = hostname => dnsLookup(hostname);

/**
 * The address to connect to: an IP address as it is, a name through
 * `lookup` (default `dns.promises.lookup`), bounded by `timeoutMs`.
 * Connecting to the address afterwards avoids a second, unbounded lookup.
 */
export async function resolveHost(
  host: string,
  timeoutMs: number,
  lookup: HostLookup = systemLookup,
): Promise<string> {
  if (net.isIP(host)) return host;
  const found = await withTimeout(
    lookup(host),
    timeoutMs,
    `the address of ${host}`,
  );
  return found.address;
}
