import { Knex } from 'knex';
import { toIso } from './rows';

/** One inbound message processed in the activity window. */
export interface ProcessedMessage {
  /** When the mailbox delivered it to us (recorded). */
  receivedAt: string;
  /** When the pipeline last finished with it. */
  processedAt: string;
  /** Set when it became or joined a ticket. */
  ticketId?: string;
}

// A day of a busy mailbox; beyond it the chart shows the newest messages.
const MAX_ROWS = 50_000;
// Processing may lag delivery (a retry after a pause): look that far back for receipt.
const RECEIPT_LOOKBACK_MS = 24 * 3600_000;

/** Reads the processing log (inbound_messages) for the per-server activity chart. */
export class ServerActivityStore {
  constructor(private readonly db: Knex) {}

  /** Messages of an incoming server processed since `since`, oldest first. */
  async processedSince(
    serverId: string,
    since: Date,
  ): Promise<ProcessedMessage[]> {
    const rows = await this.db('inbound_messages')
      .where({ server_id: serverId })
      .where(
        'received_at',
        '>=',
        new Date(since.getTime() - RECEIPT_LOOKBACK_MS),
      )
      .where('processed_at', '>=', since)
      .orderBy('processed_at', 'desc')
      .limit(MAX_ROWS)
      .select('received_at', 'processed_at', 'ticket_id');
    return rows.reverse().map(row => ({
      receivedAt: toIso(row.received_at),
      processedAt: toIso(row.processed_at),
      ticketId: row.ticket_id ?? undefined,
    }));
  }
}
