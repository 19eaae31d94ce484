import { DEFAULT_EMAIL_PREFERENCES } from '@internal/plugin-emails-common';
import {
  toPreferenceBody,
  toPreferenceDraft,
  withPreferenceDefaults,
} from './preferenceDraft';

const stored = { ...DEFAULT_EMAIL_PREFERENCES, version: 2 };

describe('preference draft', () => {
  it('round-trips the stored preferences unchanged', () => {
    expect(toPreferenceBody(toPreferenceDraft(stored), stored)).toEqual(stored);
  });

  it('reads blocked extensions with or without the dot', () => {
    const draft = {
      ...toPreferenceDraft(stored),
      'limits.blockedExtensions': '.exe, bat\nps1',
    };
    expect(toPreferenceBody(draft, stored).limits.blockedExtensions).toEqual([
      'exe',
      'bat',
      'ps1',
    ]);
  });

  it('fills in settings an older stored document lacks', () => {
    const old = { emailToTicket: false, version: 1 } as any;
    const filled = withPreferenceDefaults(old);
    expect(filled.emailToTicket).toBe(false);
    expect(filled.limits).toEqual(DEFAULT_EMAIL_PREFERENCES.limits);
    expect(filled.version).toBe(1);
  });
});
