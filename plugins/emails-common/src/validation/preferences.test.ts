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

  it('keeps replies from outside the conversation as notes and acknowledges verified senders by default', () => {
    expect(DEFAULT_EMAIL_PREFERENCES.outsideConversationReply).toBe('note');
    expect(DEFAULT_EMAIL_PREFERENCES.notifications.acknowledgeSenders).toBe(
      'verified',
    );
    const relaxed = validateEmailPreferences({
      outsideConversationReply: 'new-ticket',
      notifications: { acknowledgeSenders: 'all' },
    });
    expect(relaxed.ok && relaxed.value).toMatchObject({
      outsideConversationReply: 'new-ticket',
      notifications: { acknowledgeSenders: 'all', acknowledgeNewTickets: true },
    });
    const bad = validateEmailPreferences({
      outsideConversationReply: 'ignore',
      notifications: { acknowledgeSenders: 'nobody' },
    });
    expect(bad.ok ? [] : bad.issues.map(i => i.field)).toEqual([
      'outsideConversationReply',
      'notifications.acknowledgeSenders',
    ]);
  });

  it('accepts only a subject reference format that threading reads back', () => {
    const format = (subjectReferenceFormat: string) =>
      validateEmailPreferences({ subjectReferenceFormat });
    // Two placeholders would make every subject unreadable for threading.
    expect(format('[REQ-{number}{number}]')).toEqual({
      ok: false,
      issues: [
        {
          field: 'subjectReferenceFormat',
          message: 'must contain exactly one {number}',
        },
      ],
    });
    const good = format(' (Ticket #{number}) ');
    expect(good.ok && good.value.subjectReferenceFormat).toBe(
      '(Ticket #{number})',
    );
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
      {
        field: 'subjectReferenceFormat',
        message: 'must contain exactly one {number}',
      },
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
