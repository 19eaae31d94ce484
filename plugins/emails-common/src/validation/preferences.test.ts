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

  it('checks the notification templates: known placeholders, the reference in the subject', () => {
    const templates = (ticketClosed: object) =>
      validateEmailPreferences({
        notifications: { templates: { ticketClosed } },
      });
    const ok = templates({
      subject: '{{reference}} closed',
      text: 'Done: {{ resolution }}',
    });
    expect(ok.ok).toBe(true);
    expect(ok.ok && ok.value.notifications.templates.acknowledgement).toEqual(
      DEFAULT_EMAIL_PREFERENCES.notifications.templates.acknowledgement,
    );
    const bad = templates({
      subject: 'Closed {{title}}\r\nBcc: x@example.com',
      text: 'Hi {{password}}',
      html: '<p>{{resolution}}</p>',
    });
    expect(
      bad.ok ? [] : bad.issues.map(i => `${i.field} ${i.message}`),
    ).toEqual([
      'notifications.templates.ticketClosed.subject must not contain line breaks',
      'notifications.templates.ticketClosed.subject must contain {{reference}}',
      expect.stringMatching(
        /^notifications\.templates\.ticketClosed\.text may use only the placeholders \{\{reference\}\}, .*\{\{technicianName\}\}$/,
      ),
    ]);
    // The acknowledgement has no resolution to tell.
    const ack = validateEmailPreferences({
      notifications: {
        templates: {
          acknowledgement: { subject: '{{reference}}', text: '{{resolution}}' },
        },
      },
    });
    expect(ack.ok).toBe(false);
  });
});
