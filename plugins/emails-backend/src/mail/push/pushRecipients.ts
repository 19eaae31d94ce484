import { MailServerRecord, MailServerStore } from '../../database';

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

/** Recipients read from the incoming servers as stored now, so changes apply at once. */
export function storedPushRecipients(servers: MailServerStore): PushRecipients {
  return {
    async resolve(address) {
      const wanted = address.trim().toLowerCase();
      const records = await servers.list();
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
