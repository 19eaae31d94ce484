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

  it('leaves out an empty HTML template, so the HTML is made from the text', () => {
    const draft = {
      ...toPreferenceDraft(stored),
      'notifications.templates.ticketClosed.html': '  ',
      'notifications.templates.ticketClosed.subject': ' Closed {{reference}} ',
    };
    const { ticketClosed } = toPreferenceBody(draft, stored).notifications
      .templates;
    expect(ticketClosed).toEqual({
      subject: 'Closed {{reference}}',
      text: stored.notifications.templates.ticketClosed.text,
    });
    expect('html' in ticketClosed).toBe(false);
  });

  it('fills in a template an older stored document lacks', () => {
    const old = {
      ...stored,
      notifications: {
        acknowledgeNewTickets: false,
        templates: { acknowledgement: { subject: '{{reference}}', text: 'x' } },
      },
    } as any;
    const { notifications } = withPreferenceDefaults(old);
    expect(notifications.acknowledgeNewTickets).toBe(false);
    expect(notifications.notifyOnClose).toBe(true);
    expect(notifications.templates.acknowledgement.text).toBe('x');
    expect(notifications.templates.ticketClosed).toEqual(
      DEFAULT_EMAIL_PREFERENCES.notifications.templates.ticketClosed,
    );
  });

  it('fills in settings an older stored document lacks', () => {
    const old = { emailToTicket: false, version: 1 } as any;
    const filled = withPreferenceDefaults(old);
    expect(filled.emailToTicket).toBe(false);
    expect(filled.limits).toEqual(DEFAULT_EMAIL_PREFERENCES.limits);
    expect(filled.notifications).toEqual(
      DEFAULT_EMAIL_PREFERENCES.notifications,
    );
    expect(filled.version).toBe(1);
  });
});
