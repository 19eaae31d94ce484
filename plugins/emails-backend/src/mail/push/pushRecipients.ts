import { MailServerRecord, MailServerStore } from '../../database';
import { BriefCache } from '../../ingest/briefCache';

/** The incoming server that receives mail for an address. */
export interface PushMailbox {
  serverId: string;
  name: string;
}

/** Finds which incoming server receives pushed mail for an address. */
export interface PushRecipients {
  /** The enabled smtp-push incoming server with this email or alias; undefined when none. */
  resolve(address: string): Promise<PushMailbox | undefined>;
}

function addressesOf(record: MailServerRecord): string[] {
  const aliases = (record.settings as { aliases?: string[] }).aliases ?? [];
  return [record.email, ...aliases].map(a => a.toLowerCase());
}

// Every RCPT asks: the server list is read once in this time, so a change applies within it.
const SERVERS_TTL_MS = 2_000;

/** Recipients read from the incoming servers as stored, at most {@link SERVERS_TTL_MS} ago. */
export function storedPushRecipients(
  servers: MailServerStore,
  options: { ttlMs?: number } = {},
): PushRecipients {
  const cache = new BriefCache<'all', MailServerRecord[]>({
    ttlMs: options.ttlMs ?? SERVERS_TTL_MS,
    maxEntries: 1,
  });
  return {
    async resolve(address) {
      const wanted = address.trim().toLowerCase();
      const records = await cache.get('all', () => servers.list());
      const match = records.find(
        r =>
          r.enabled &&
          r.protocol === 'smtp-push' &&
          addressesOf(r).includes(wanted),
      );
      return match && { serverId: match.id, name: match.name };
    },
  };
}
