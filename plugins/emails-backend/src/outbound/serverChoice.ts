import { MailServerRecord } from '../database';

/**
 * Remembers outgoing servers that just failed, so that later messages go
 * straight to the primary until the retry time, when the next message probes
 * the failed server again ("until it comes up again").
 */
export class ServerOutages {
  private readonly until = new Map<string, number>();

  constructor(private readonly retryAfterMs: number) {}

  /** Marks a server as failing from `now`. */
  markDown(serverId: string, now: Date): void {
    this.until.set(serverId, now.getTime() + this.retryAfterMs);
  }

  /** The server worked: use it again. */
  markUp(serverId: string): void {
    this.until.delete(serverId);
  }

  /** Whether the server is to be skipped at `now`. */
  isDown(serverId: string, now: Date): boolean {
    return (this.until.get(serverId) ?? 0) > now.getTime();
  }
}

/**
 * The servers to try for a message, in order: the preferred one (picked by
 * the outgoing rules or the incoming server's link) when enabled and not known
 * to be down, then the primary. A failing preferred server is still tried
 * when there is no enabled primary to fall back to.
 */
export function chooseServers(
  preferredServerId: string | undefined,
  servers: MailServerRecord[],
  outages: ServerOutages,
  now: Date,
): MailServerRecord[] {
  const enabled = servers.filter(s => s.enabled);
  const primary = enabled.find(s => s.primary);
  const preferred = preferredServerId
    ? enabled.find(s => s.id === preferredServerId)
    : undefined;
  if (!preferred || preferred.id === primary?.id) {
    return primary ? [primary] : [];
  }
  if (!primary) return [preferred];
  return outages.isDown(preferred.id, now) ? [primary] : [preferred, primary];
}
