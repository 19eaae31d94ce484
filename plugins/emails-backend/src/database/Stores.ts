import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { AttachmentStore } from './AttachmentStore';
import { ConfigAuditStore } from './ConfigAuditStore';
import { InboundMessageStore } from './InboundMessageStore';
import { MailboxCursorStore } from './MailboxCursorStore';
import { MailServerStore } from './MailServerStore';
import { OAuthStore } from './OAuthStore';
import { MessageNumberStore } from './MessageNumberStore';
import { OutboundStore } from './OutboundStore';
import { openDatabase } from './migrations';
import { PreferenceStore } from './PreferenceStore';
import { ProxyStore } from './ProxyStore';
import { ServerHealthStore } from './ServerHealthStore';
import { ServerAlertStore } from './ServerAlertStore';
import { ServerActivityStore } from './ServerActivityStore';
import { TicketStore } from './TicketStore';

/** Every store of the plugin over one migrated database. */
export interface Stores {
  incomingServers: MailServerStore;
  outgoingServers: MailServerStore;
  proxies: ProxyStore;
  preferences: PreferenceStore;
  configAudit: ConfigAuditStore;
  health: ServerHealthStore;
  mailboxCursors: MailboxCursorStore;
  inboundMessages: InboundMessageStore;
  tickets: TicketStore;
  attachments: AttachmentStore;
  outbound: OutboundStore;
  oauth: OAuthStore;
  messageNumbers: MessageNumberStore;
  alerts: ServerAlertStore;
  activity: ServerActivityStore;
  /** Runs writes of several stores so they commit or fail together. */
  transaction<T>(work: (tx: Knex.Transaction) => Promise<T>): Promise<T>;
}

/** Migrates the database and opens every store on it. */
export async function createStores(database: DatabaseService): Promise<Stores> {
  const db = await openDatabase(database);
  return {
    incomingServers: new MailServerStore(db, 'incoming'),
    outgoingServers: new MailServerStore(db, 'outgoing'),
    proxies: new ProxyStore(db),
    preferences: new PreferenceStore(db),
    configAudit: new ConfigAuditStore(db),
    health: new ServerHealthStore(db),
    mailboxCursors: new MailboxCursorStore(db),
    inboundMessages: new InboundMessageStore(db),
    tickets: new TicketStore(db),
    attachments: new AttachmentStore(db),
    outbound: new OutboundStore(db),
    oauth: new OAuthStore(db),
    messageNumbers: new MessageNumberStore(db),
    alerts: new ServerAlertStore(db),
    activity: new ServerActivityStore(db),
    transaction: work => db.transaction(work),
  };
}
