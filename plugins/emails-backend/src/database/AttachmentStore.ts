import { NotFoundError } from '@backstage/errors';
import { TicketAttachment } from '@internal/plugin-emails-common';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { attachmentsInGroups, TicketAccess, whereAccess } from './ticketAccess';

/** A file to keep, as the pipeline extracted and checked it. */
export interface NewAttachment {
  filename: string;
  contentType: string;
  inline: boolean;
  contentId?: string;
  content: Buffer;
}

/** Attachments and inline images of inbound messages, linked to ticket entries. */
export class AttachmentStore {
  constructor(private readonly db: Knex) {}

  /**
   * Stores the files of one message. Ids derive from the message and the
   * file's position, so processing the message again stores nothing twice.
   */
  async save(messageId: string, files: NewAttachment[]): Promise<string[]> {
    const rows = files.map((file, index) => ({
      id: `att-${createHash('sha256')
        .update(`${messageId}:${index}`)
        .digest('hex')
        .slice(0, 32)}`,
      message_id: messageId,
      filename: file.filename,
      content_type: file.contentType,
      size_bytes: file.content.length,
      inline: file.inline,
      content_id: file.contentId ?? null,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
      created_at: new Date(),
    }));
    if (rows.length) {
      await this.db('attachments').insert(rows).onConflict('id').ignore();
    }
    return rows.map(r => r.id);
  }

  /** Links stored files to the ticket entry they belong to. */
  async link(
    entryId: string,
    ids: string[],
    tx?: Knex.Transaction,
  ): Promise<void> {
    if (!ids.length) return;
    await (tx ?? this.db)('attachments')
      .whereIn('id', ids)
      .update({ entry_id: entryId });
  }

  /** The files of some entries, without their bytes, by entry id. */
  async forEntries(
    entryIds: string[],
  ): Promise<Map<string, TicketAttachment[]>> {
    const byEntry = new Map<string, TicketAttachment[]>();
    if (!entryIds.length) return byEntry;
    const rows = await this.db('attachments')
      .whereIn('entry_id', entryIds)
      .orderBy('id')
      .select([
        'id',
        'entry_id',
        'filename',
        'content_type',
        'size_bytes',
        'inline',
        'content_id',
      ]);
    for (const row of rows) {
      const list = byEntry.get(String(row.entry_id)) ?? [];
      list.push({
        id: row.id,
        filename: row.filename,
        contentType: row.content_type,
        sizeBytes: Number(row.size_bytes),
        inline: !!row.inline,
        contentId: row.content_id ?? undefined,
      });
      byEntry.set(String(row.entry_id), list);
    }
    return byEntry;
  }

  /** One file with its bytes; NotFoundError when unknown or not within `access`. */
  async get(
    id: string,
    access?: TicketAccess,
  ): Promise<TicketAttachment & { content: Buffer; ticketId?: string }> {
    const row = await whereAccess(
      this.db('attachments as a')
        .leftJoin('ticket_entries as e', 'e.id', 'a.entry_id')
        .where('a.id', id),
      access,
      attachmentsInGroups(this.db, 'a'),
    ).first(['a.*', 'e.ticket_id']);
    if (!row) throw new NotFoundError(`No attachment with id ${id}`);
    return {
      id: row.id,
      filename: row.filename,
      contentType: row.content_type,
      sizeBytes: Number(row.size_bytes),
      inline: !!row.inline,
      contentId: row.content_id ?? undefined,
      content: Buffer.from(row.content),
      ticketId: row.ticket_id ? String(row.ticket_id) : undefined,
    };
  }
}
