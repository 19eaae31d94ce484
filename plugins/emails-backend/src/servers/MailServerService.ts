import { ConflictError, InputError } from '@backstage/errors';
import {
  describeIssues,
  IncomingServer,
  MailDirection,
  OutgoingServer,
  StoredSecrets,
  validateIncomingServer,
  validateOutgoingServer,
  Validated,
} from '@internal/plugin-emails-common';
import {
  ChangeContext,
  ConfigAuditRecorder,
} from '../audit/ConfigAuditRecorder';
import { SecretBox } from '../crypto/SecretBox';
import {
  MailServerInput,
  MailServerRecord,
  MailServerStore,
  OAuthGrantRecord,
  Stores,
  unknownHealth,
} from '../database';
import {
  toIncomingServer,
  toOutgoingServer,
  withInboundQueue,
} from '../service/serverView';
import { diffViews } from './changes';
import { checkKeepsPrimary } from './primaryRule';
import { ServerReferences } from './references';
import {
  mergeSecrets,
  secretNames,
  ServerSecrets,
  splitSecrets,
} from './secretFields';

type View = IncomingServer | OutgoingServer;

/** Called after a committed change, e.g. to refresh the catalog. */
export type ServersChangedListener = (
  direction: MailDirection,
  serverId: string,
) => Promise<void>;

/** Adds, changes and deletes the mail servers of one direction. */
export class MailServerService {
  private readonly store: MailServerStore;
  private readonly what: string;

  constructor(
    readonly direction: MailDirection,
    private readonly deps: {
      stores: Stores;
      secrets: SecretBox;
      references: ServerReferences;
      audit: ConfigAuditRecorder;
      onChange: ServersChangedListener;
      /** The OAuth Redirect URL the views show, to register at the provider. */
      oauthRedirectUrl?: string;
      /** What still depends on a server (e.g. outgoing email rules); a server in use is not deleted. */
      usedBy?: (direction: MailDirection, id: string) => Promise<string[]>;
    },
  ) {
    this.store =
      direction === 'incoming'
        ? deps.stores.incomingServers
        : deps.stores.outgoingServers;
    this.what = `${direction} server`;
  }

  /** Every server with its health. */
  async list(): Promise<View[]> {
    const [records, health, grants, waiting] = await Promise.all([
      this.store.list(),
      this.deps.stores.health.byServer(this.direction),
      this.deps.stores.oauth.grants(this.direction),
      this.waiting(),
    ]);
    return records.map(r =>
      this.view(
        r,
        withInboundQueue(health.get(r.id), waiting.get(r.id)),
        grants.get(r.id),
      ),
    );
  }

  /** One server with its health. */
  async get(id: string): Promise<View> {
    const record = await this.store.get(id);
    const waiting = await this.waiting(id);
    return this.view(
      record,
      withInboundQueue(
        await this.deps.stores.health.get(this.direction, id),
        waiting.get(id),
      ),
      await this.deps.stores.oauth.grant(this.direction, id),
    );
  }

  /** Incoming messages recorded but not through the pipeline yet, by server. */
  private async waiting(id?: string): Promise<Map<string, number>> {
    return this.direction === 'incoming'
      ? this.deps.stores.inboundMessages.waitingByServer(id)
      : new Map();
  }

  /** The stored record and its decrypted secrets, for connecting to the server. */
  async withSecrets(
    id: string,
  ): Promise<{ record: MailServerRecord; secrets: ServerSecrets }> {
    const record = await this.store.get(id);
    return { record, secrets: this.openSecrets(record) };
  }

  /** Validates and adds a server. */
  async create(body: unknown, context: ChangeContext): Promise<View> {
    const input = await this.validated(body, {});
    const { row, secrets } = this.toInput(input, {});
    let after: View | undefined;
    const announce = await this.deps.stores.transaction(async tx => {
      const created = await this.store.create(row, context.actor, tx);
      after = this.view(created);
      return this.deps.audit.record(
        {
          action: 'create',
          target: `${this.direction}-server`,
          targetId: created.id,
          targetName: created.name,
          changes: diffViews(undefined, after, secretNames(secrets)),
        },
        context,
        tx,
      );
    });
    await this.afterChange(announce, after!.id);
    return after!;
  }

  /** Validates and replaces a server's settings; secrets left out are kept. */
  async update(
    id: string,
    body: unknown,
    context: ChangeContext,
  ): Promise<View> {
    const version = (body as { version?: unknown } | undefined)?.version;
    if (typeof version !== 'number') {
      throw new InputError(
        `Invalid ${this.what}: version is required (the version you read)`,
      );
    }
    const existing = await this.store.get(id);
    const stored = this.openSecrets(existing);
    const input = await this.validated(body, {
      password: !!stored.password,
      clientSecret: !!stored.clientSecret,
    });
    const { row, changedSecrets } = this.toInput(input, stored);
    await checkKeepsPrimary(this.store, existing, row);
    let after: View | undefined;
    const announce = await this.deps.stores.transaction(async tx => {
      const updated = await this.store.update(
        id,
        version,
        row,
        context.actor,
        tx,
      );
      after = this.view(updated);
      return this.deps.audit.record(
        {
          action: 'update',
          target: `${this.direction}-server`,
          targetId: id,
          targetName: updated.name,
          changes: diffViews(this.view(existing), after, changedSecrets),
        },
        context,
        tx,
      );
    });
    await this.afterChange(announce, id);
    return after!;
  }

  /** Deletes a server; its audit entries stay. */
  async delete(id: string, context: ChangeContext): Promise<void> {
    const existing = await this.store.get(id);
    const users = (await this.deps.usedBy?.(this.direction, id)) ?? [];
    if (users.length > 0) {
      throw new ConflictError(
        `The ${this.direction} server "${
          existing.name
        }" is used by ${users.join(', ')}; change those first`,
      );
    }
    await checkKeepsPrimary(this.store, existing);
    const announce = await this.deps.stores.transaction(async tx => {
      await this.store.delete(id, tx);
      return this.deps.audit.record(
        {
          action: 'delete',
          target: `${this.direction}-server`,
          targetId: id,
          targetName: existing.name,
          changes: diffViews(this.view(existing), undefined),
        },
        context,
        tx,
      );
    });
    await this.deps.stores.health.forget(this.direction, id);
    await this.deps.stores.alerts.forget(this.direction, id);
    await this.deps.stores.oauth.forget(this.direction, id);
    if (this.direction === 'incoming') {
      await this.deps.stores.mailboxCursors.forget(id);
      await this.deps.stores.messageNumbers.forget(id);
    }
    await this.afterChange(announce, id);
  }

  private async validated(body: unknown, stored: StoredSecrets) {
    const { version: _version, ...fields } = (body ?? {}) as Record<
      string,
      unknown
    >;
    const result: Validated<any> =
      this.direction === 'incoming'
        ? validateIncomingServer(fields, stored)
        : validateOutgoingServer(fields, stored);
    if (!result.ok) {
      throw new InputError(describeIssues(this.what, result.issues));
    }
    const refs = this.deps.references;
    await refs.checkProxy(this.what, result.value.proxyId);
    if (this.direction === 'incoming') {
      await refs.checkTechnicianGroup(result.value.technicianGroup);
      await refs.checkOutgoingServer(result.value.outgoingServerId);
    }
    return result.value;
  }

  private toInput(input: any, stored: ServerSecrets) {
    const { settings, secrets: given } = splitSecrets(input);
    const secrets = mergeSecrets(stored, given);
    const changedSecrets = Object.keys(given).filter(
      k => (given as any)[k] !== (stored as any)[k],
    );
    const {
      name,
      email,
      protocol,
      enabled,
      primary,
      proxyId,
      technicianGroup,
      outgoingServerId,
      ...rest
    } = settings as any;
    const names = secretNames(secrets);
    const row: MailServerInput = {
      name,
      email,
      protocol,
      enabled,
      primary,
      proxyId,
      technicianGroup,
      outgoingServerId,
      settings: { ...rest, secretFields: names },
      secrets: names.length ? this.deps.secrets.seal(secrets) : undefined,
    };
    return { row, secrets, changedSecrets };
  }

  private openSecrets(record: MailServerRecord): ServerSecrets {
    return record.secrets
      ? this.deps.secrets.open<ServerSecrets>(record.secrets)
      : {};
  }

  private view(
    record: MailServerRecord,
    health = unknownHealth(),
    grant?: OAuthGrantRecord,
  ): View {
    const withHealth = record.enabled
      ? health
      : { ...health, status: 'disabled' as const };
    const oauth = { grant, redirectUrl: this.deps.oauthRedirectUrl };
    return this.direction === 'incoming'
      ? toIncomingServer(record, withHealth, oauth)
      : toOutgoingServer(record, withHealth, oauth);
  }

  private async afterChange(announce: () => Promise<void>, serverId: string) {
    await announce();
    await this.deps.onChange(this.direction, serverId);
  }
}
