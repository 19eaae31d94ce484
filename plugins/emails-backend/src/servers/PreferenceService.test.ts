import { DEFAULT_EMAIL_PREFERENCES } from '@internal/plugin-emails-common';
import { savedPreferences } from './PreferenceService';

describe('savedPreferences', () => {
  it("keeps every valid saved setting and resets only the one today's rules refuse", () => {
    const saved = {
      ...DEFAULT_EMAIL_PREFERENCES,
      allowGuestRequests: !DEFAULT_EMAIL_PREFERENCES.allowGuestRequests,
      // Saved before the format had to read back as one ticket number.
      subjectReferenceFormat: '[REQ-{number}{number}]',
    };
    const read = savedPreferences(saved);
    expect(read.allowGuestRequests).toBe(saved.allowGuestRequests);
    expect(read.subjectReferenceFormat).toBe(
      DEFAULT_EMAIL_PREFERENCES.subjectReferenceFormat,
    );
  });

  it('fills settings added since the preference was saved', () => {
    const read = savedPreferences({ allowGuestRequests: true });
    expect(read).toEqual({
      ...DEFAULT_EMAIL_PREFERENCES,
      allowGuestRequests: true,
    });
  });
});
