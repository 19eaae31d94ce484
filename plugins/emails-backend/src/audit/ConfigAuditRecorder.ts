import { AuditorService } from '@backstage/backend-plugin-api';
import { Request } from 'express';
import { Knex } from 'knex';
import { ConfigAuditStore, NewConfigAuditEntry } from '../database';

/** Who made a change, and the request it came with (for Backstage's auditor). */
export interface ChangeContext {
  actor: string;
  request?: Request;
}

/**
 * Records configuration changes twice: in the plugin's own trail (readable
 * at GET /audit/config, committed with the change) and as Backstage auditor
 * events, so the organisation's audit pipeline sees them too.
 */
export class ConfigAuditRecorder {
  constructor(
    private readonly store: ConfigAuditStore,
    private readonly auditor: AuditorService,
  ) {}

  /** Appends the entry inside `tx`; the auditor event follows the commit. */
  async record(
    entry: Omit<NewConfigAuditEntry, 'actor'>,
    context: ChangeContext,
    tx: Knex.Transaction,
  ): Promise<() => Promise<void>> {
    await this.store.append({ ...entry, actor: context.actor }, tx);
    return async () => {
      const event = await this.auditor.createEvent({
        eventId: 'config-change',
        severityLevel: 'medium',
        request: context.request,
        meta: {
          action: entry.action,
          target: entry.target,
          targetId: entry.targetId,
          targetName: entry.targetName ?? null,
          fields: entry.changes.map(c => c.field),
        },
      });
      await event.success();
    };
  }
}
