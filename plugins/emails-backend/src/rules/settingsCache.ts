import { ConfigAuditRecorder } from '../audit/ConfigAuditRecorder';
import { Stores } from '../database';

/** A settings document as the cache holds it: its value and the version it was saved at. */
export interface VersionedDocument<T> {
  value: T;
  version: number;
}

/** How long a cached document is trusted before its version is checked again, by default. */
export const SETTINGS_RECHECK_MS = 2_000;

/** What a service that keeps settings documents (Email Preference, rule lists) is built with. */
export interface SettingsServiceDeps {
  stores: Stores;
  audit: ConfigAuditRecorder;
  /** After a save commits: announce it to other replicas. */
  onSaved?: (document: string) => Promise<void>;
  /** How long a kept copy is trusted before its version is checked (tests). */
  recheckMs?: number;
  now?: () => number;
}

/**
 * One settings document (the Email Preference, a rule list) read once and
 * kept by its version. A save in this process or an event from another
 * replica drops it at once; without events a save elsewhere is seen within
 * `recheckMs`, when one cheap version query finds the document changed.
 */
export class SettingsCache<T> {
  private cached?: VersionedDocument<T> & { checkedAt: number };
  private loading?: Promise<VersionedDocument<T>>;
  // Bumped by invalidate: a read begun before a save must not be kept after it.
  private generation = 0;

  constructor(
    private readonly source: {
      load: () => Promise<VersionedDocument<T>>;
      version: () => Promise<number>;
      recheckMs?: number;
      now?: () => number;
    },
  ) {}

  /** The document, read from the database only when it may have changed. */
  async get(): Promise<VersionedDocument<T>> {
    const now = this.now();
    const cached = this.cached;
    if (cached && now - cached.checkedAt < this.recheckMs) return cached;
    if (cached && (await this.source.version()) === cached.version) {
      if (this.cached === cached) cached.checkedAt = now;
      return cached;
    }
    return this.load();
  }

  /** Forgets the document: the next read loads it again. */
  invalidate(): void {
    this.generation++;
    this.cached = undefined;
    this.loading = undefined;
  }

  private load(): Promise<VersionedDocument<T>> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading = this.source.load().then(
      document => {
        if (generation === this.generation) {
          this.cached = { ...document, checkedAt: this.now() };
          this.loading = undefined;
        }
        return document;
      },
      error => {
        if (generation === this.generation) this.loading = undefined;
        throw error;
      },
    );
    this.loading = loading;
    return loading;
  }

  private get recheckMs() {
    return this.source.recheckMs ?? SETTINGS_RECHECK_MS;
  }

  private now() {
    return (this.source.now ?? Date.now)();
  }
}
