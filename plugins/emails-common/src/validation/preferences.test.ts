import {
  DEFAULT_EMAIL_PREFERENCES,
  validateEmailPreferences,
} from './preferences';

describe('validateEmailPreferences', () => {
  it('defaults follow seed 002', () => {
    expect(DEFAULT_EMAIL_PREFERENCES).toMatchObject({
      emailToTicket: true,
      allowGuestRequests: true,
      ccRecipientTypes: ['to', 'cc'],
      closedRequestReply: { action: 'reopen', graceDays: 7 },
      otherTechnicianReply: 'collaboration',
      subjectReferenceFormat: '[REQ-{number}]',
    });
  });

  it('names the bad field', () => {
    const result = validateEmailPreferences({
      closedRequestReply: { action: 'reopen', graceDays: 0 },
    });
    expect(result.ok ? [] : result.issues).toEqual([
      {
        field: 'closedRequestReply.graceDays',
        message: 'must be a whole number from 1 to 365',
      },
    ]);
    const format = validateEmailPreferences({
      subjectReferenceFormat: '[REQ]',
    });
    expect(format.ok ? [] : format.issues).toEqual([
      { field: 'subjectReferenceFormat', message: 'must contain {number}' },
    ]);
  });
});
