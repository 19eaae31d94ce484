import { InputError } from '@backstage/errors';
import {
  DEFAULT_EMAIL_PREFERENCES,
  describeIssues,
  EmailPreferences,
  validateEmailPreferences,
} from '@internal/plugin-emails-common';
import { ChangeContext } from '../audit/ConfigAuditRecorder';
import { SettingsCache, SettingsServiceDeps } from '../rules/settingsCache';
import { diffViews } from './changes';

/** The name of the Email Preference document, as settings-change events name it. */
export const EMAIL_PREFERENCE_DOCUMENT = 'email-preference';
const NAME = EMAIL_PREFERENCE_DOCUMENT;

/**
 * The saved settings as far as today's rules accept them: a setting saved
 * before a rule tightened (a subject reference format that cannot be read
 * back) falls back to its default alone, the others stay as saved.
 */
export function savedPreferences(saved: object): EmailPreferences {
  const candidate: Record<string, unknown> = { ...saved };
  for (let pass = 0; pass < 10; pass++) {
    const parsed = validateEmailPreferences(candidate);
    if (parsed.ok) return parsed.value;
    for (const issue of parsed.issues) {
      delete candidate[issue.field.split('.')[0]];
    }
  }
  return DEFAULT_EMAIL_PREFERENCES;
}

/** The Email Preference with the version a PUT must send back. */
export type VersionedPreferences = EmailPreferences & { version: number };

/**
 * Reads and saves the Email Preference (seed 002). Every message reads it,
 * so it is kept by its version (see SettingsCache): a save here drops the
 * copy at once, `onSaved` tells other replicas, which drop theirs.
 */
export class PreferenceService {
  private readonly cache: SettingsCache<EmailPreferences>;

  constructor(private readonly deps: SettingsServiceDeps) {
    const { preferences } = deps.stores;
    this.cache = new SettingsCache({
      load: async () => {
        const record = await preferences.get<Partial<EmailPreferences>>(
          NAME,
          {},
        );
        const value = savedPreferences(record.value);
        const { version: _ignored, ...settings } =
          value as VersionedPreferences;
        return { value: settings, version: record.version };
      },
      version: () => preferences.version(NAME),
      recheckMs: deps.recheckMs,
      now: deps.now,
    });
  }

  /** The saved preference, with defaults for settings added since it was saved. */
  async get(): Promise<VersionedPreferences> {
    const { value, version } = await this.cache.get();
    return { ...value, version };
  }

  /** Drops the kept copy: another replica saved (a settings-change event). */
  forget(): void {
    this.cache.invalidate();
  }

  /** Validates and saves; ConflictError when the version is stale. */
  async put(
    body: unknown,
    context: ChangeContext,
  ): Promise<VersionedPreferences> {
    const result = validateEmailPreferences(body);
    if (!result.ok) {
      throw new InputError(describeIssues('Email Preference', result.issues));
    }
    const { version, ...settings } = result.value;
    if (version === undefined) {
      throw new InputError(
        'Invalid Email Preference: version is required (the version you read)',
      );
    }
    // The audit compares with what is saved now, not a kept copy.
    this.cache.invalidate();
    const before = await this.get();
    const { stores, audit } = this.deps;
    const announce = await stores.transaction(async tx => {
      await stores.preferences.put(NAME, version, settings, context.actor, tx);
      const { version: _v, ...old } = before;
      return audit.record(
        {
          action: 'update',
          target: 'preferences',
          targetId: NAME,
          targetName: 'Email Preference',
          changes: diffViews(old, settings),
        },
        context,
        tx,
      );
    });
    this.cache.invalidate();
    await announce();
    await this.deps.onSaved?.(NAME).catch(() => undefined);
    return this.get();
  }
}
