import { InputError } from '@backstage/errors';
import {
  DEFAULT_EMAIL_PREFERENCES,
  describeIssues,
  EmailPreferences,
  validateEmailPreferences,
} from '@internal/plugin-emails-common';
import {
  ChangeContext,
  ConfigAuditRecorder,
} from '../audit/ConfigAuditRecorder';
import { Stores } from '../database';
import { diffViews } from './changes';

const NAME = 'email-preference';

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

/** Reads and saves the Email Preference (seed 002). */
export class PreferenceService {
  constructor(
    private readonly deps: { stores: Stores; audit: ConfigAuditRecorder },
  ) {}

  /** The saved preference, with defaults for settings added since it was saved. */
  async get(): Promise<VersionedPreferences> {
    const record = await this.deps.stores.preferences.get<
      Partial<EmailPreferences>
    >(NAME, {});
    const value = savedPreferences(record.value);
    const { version: _ignored, ...settings } = value as VersionedPreferences;
    return { ...settings, version: record.version };
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
    await announce();
    return this.get();
  }
}
