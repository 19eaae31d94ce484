import { InputError } from '@backstage/errors';
import {
  describeIssues,
  ProxyServer,
  validateProxy,
} from '@internal/plugin-emails-common';
import {
  ChangeContext,
  ConfigAuditRecorder,
} from '../audit/ConfigAuditRecorder';
import { SecretBox } from '../crypto/SecretBox';
import { ProxyRecord, Stores } from '../database';
import { diffViews } from './changes';

/** The API view of a proxy: no password, only whether one is set. */
export function toProxyServer(record: ProxyRecord): ProxyServer {
  return {
    id: record.id,
    name: record.name,
    protocol: record.protocol as ProxyServer['protocol'],
    host: record.host,
    port: record.port,
    username: record.username,
    passwordSet: !!record.secrets,
    version: record.version,
  };
}

/** Adds, changes and deletes the proxy servers mail servers may use. */
export class ProxyService {
  constructor(
    private readonly deps: {
      stores: Stores;
      secrets: SecretBox;
      audit: ConfigAuditRecorder;
    },
  ) {}

  /** Every proxy. */
  async list(): Promise<ProxyServer[]> {
    return (await this.deps.stores.proxies.list()).map(toProxyServer);
  }

  /** The stored proxy with its password, for connecting through it. */
  async withPassword(
    id: string,
  ): Promise<{ record: ProxyRecord; password?: string }> {
    const record = await this.deps.stores.proxies.get(id);
    const password = record.secrets
      ? this.deps.secrets.open<{ password?: string }>(record.secrets).password
      : undefined;
    return { record, password };
  }

  /** Validates and adds a proxy. */
  async create(body: unknown, context: ChangeContext): Promise<ProxyServer> {
    const { password, ...fields } = this.validated(body);
    const { stores, audit } = this.deps;
    let view: ProxyServer | undefined;
    const announce = await stores.transaction(async tx => {
      const record = await stores.proxies.create(
        { ...fields, secrets: this.seal(password) },
        context.actor,
        tx,
      );
      view = toProxyServer(record);
      return audit.record(
        {
          action: 'create',
          target: 'proxy',
          targetId: record.id,
          targetName: record.name,
          changes: diffViews(undefined, view, password ? ['password'] : []),
        },
        context,
        tx,
      );
    });
    await announce();
    return view!;
  }

  /** Validates and replaces a proxy; a missing password keeps the stored one. */
  async update(
    id: string,
    body: unknown,
    context: ChangeContext,
  ): Promise<ProxyServer> {
    const version = (body as { version?: unknown } | undefined)?.version;
    if (typeof version !== 'number') {
      throw new InputError(
        'Invalid proxy: version is required (the version you read)',
      );
    }
    const { password, ...fields } = this.validated(body);
    const { stores, audit } = this.deps;
    const existing = await stores.proxies.get(id);
    const secrets =
      password === undefined ? existing.secrets : this.seal(password);
    let view: ProxyServer | undefined;
    const announce = await stores.transaction(async tx => {
      const record = await stores.proxies.update(
        id,
        version,
        { ...fields, secrets },
        context.actor,
        tx,
      );
      view = toProxyServer(record);
      return audit.record(
        {
          action: 'update',
          target: 'proxy',
          targetId: id,
          targetName: record.name,
          changes: diffViews(
            toProxyServer(existing),
            view,
            password === undefined ? [] : ['password'],
          ),
        },
        context,
        tx,
      );
    });
    await announce();
    return view!;
  }

  /** Deletes a proxy; servers that used it connect directly. */
  async delete(id: string, context: ChangeContext): Promise<void> {
    const { stores, audit } = this.deps;
    const existing = await stores.proxies.get(id);
    const announce = await stores.transaction(async tx => {
      await stores.proxies.delete(id, tx);
      return audit.record(
        {
          action: 'delete',
          target: 'proxy',
          targetId: id,
          targetName: existing.name,
          changes: diffViews(toProxyServer(existing), undefined),
        },
        context,
        tx,
      );
    });
    await announce();
  }

  private validated(body: unknown) {
    const { version: _version, ...fields } = (body ?? {}) as Record<
      string,
      unknown
    >;
    const result = validateProxy(fields);
    if (!result.ok) {
      throw new InputError(describeIssues('proxy', result.issues));
    }
    return result.value;
  }

  private seal(password: string | undefined) {
    return password ? this.deps.secrets.seal({ password }) : undefined;
  }
}
