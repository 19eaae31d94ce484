import {
  DEFAULT_EMAIL_PREFERENCES,
  DEFAULT_NOTIFICATION_TEMPLATES,
} from '@internal/plugin-emails-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VersionedPreferences } from '../../api/EmailsApi';
import { mockEmailsApi, renderWithApis, responseError } from '../__testUtils__';
import { EmailPreferenceForm } from './EmailPreferenceForm';

const stored: VersionedPreferences = {
  ...DEFAULT_EMAIL_PREFERENCES,
  version: 4,
};

function apiWith(overrides: Parameters<typeof mockEmailsApi>[0] = {}) {
  return mockEmailsApi({ getPreferences: async () => stored, ...overrides });
}

describe('EmailPreferenceForm', () => {
  it('loads every setting of seed 002 and saves the changes with the version', async () => {
    const api = apiWith();
    await renderWithApis(<EmailPreferenceForm />, { api });
    const emailToTicket = await screen.findByRole('checkbox', {
      name: 'Enable Email to Ticket',
    });
    expect(emailToTicket).toBeChecked();
    expect(
      screen.getByRole('checkbox', {
        name: 'Allow Guest User to generate request from E-mail to Ticket',
      }),
    ).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'To User' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'CC User' })).toBeChecked();
    expect(
      screen.getByRole('radio', {
        name: 'Reopen request and add reply to request',
      }),
    ).toBeChecked();
    expect(screen.getByLabelText('Grace Period (days)')).toHaveValue(7);
    expect(
      screen.getByRole('radio', { name: 'Add reply mail as collaboration' }),
    ).toBeChecked();

    await userEvent.click(screen.getByRole('checkbox', { name: 'CC User' }));
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Allow User to select Outgoing Email',
      }),
    );
    const acknowledge = screen.getByRole('checkbox', {
      name: 'Acknowledge new requests to the requester by email',
    });
    expect(acknowledge).toBeChecked();
    await userEvent.click(acknowledge);
    await userEvent.click(
      screen.getByRole('radio', { name: 'Create new request' }),
    );
    expect(
      screen.queryByLabelText('Grace Period (days)'),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(api.updatePreferences).toHaveBeenCalled());
    expect(api.updatePreferences.mock.calls[0][0]).toEqual({
      ...stored,
      ccRecipientTypes: ['to'],
      allowUserToSelectOutgoing: true,
      // The untouched templates are sent as they were loaded.
      notifications: { ...stored.notifications, acknowledgeNewTickets: false },
      closedRequestReply: { action: 'new', graceDays: 7 },
      version: 4,
    });
    expect(
      await screen.findByText('Email Preference saved.'),
    ).toBeInTheDocument();
  });

  it('shows a bad value under its field without sending it', async () => {
    const api = apiWith();
    await renderWithApis(<EmailPreferenceForm />, { api });
    const format = await screen.findByLabelText('Subject reference format');
    // Two placeholders could never be read back from a subject.
    for (const bad of ['[REQ]', '[REQ-{number}{number}]']) {
      await userEvent.clear(format);
      await userEvent.click(format);
      await userEvent.paste(bad);
      await userEvent.click(screen.getByRole('button', { name: 'Save' }));
      expect(
        await screen.findByText(
          'Subject reference format must contain exactly one {number}',
        ),
      ).toBeInTheDocument();
    }
    expect(api.updatePreferences).not.toHaveBeenCalled();
  });

  it('keeps replies from outside the conversation as notes and acknowledges verified senders unless changed', async () => {
    const api = apiWith();
    await renderWithApis(<EmailPreferenceForm />, { api });
    const outside = within(
      await screen.findByRole('group', {
        name: 'Replies from someone outside the conversation',
      }),
    );
    expect(
      outside.getByRole('radio', {
        name: 'Add as an internal note for a technician to publish or dismiss',
      }),
    ).toBeChecked();
    expect(
      outside.getByText(/neither requester, CC user nor technician/),
    ).toBeInTheDocument();
    const senders = within(
      screen.getByRole('group', { name: 'Acknowledge new requests from' }),
    );
    expect(
      senders.getByRole('radio', {
        name: 'Verified senders and catalog users',
      }),
    ).toBeChecked();
    expect(senders.getByText(/forged senders/)).toBeInTheDocument();

    await userEvent.click(
      outside.getByRole('radio', { name: 'Open a new request for them' }),
    );
    await userEvent.click(senders.getByRole('radio', { name: 'All senders' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.updatePreferences).toHaveBeenCalled());
    expect(api.updatePreferences.mock.calls[0][0]).toEqual({
      ...stored,
      outsideConversationReply: 'new-ticket',
      notifications: { ...stored.notifications, acknowledgeSenders: 'all' },
    });
    // Without acknowledgements there is nobody to choose.
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Acknowledge new requests to the requester by email',
      }),
    );
    expect(
      screen.queryByRole('group', { name: 'Acknowledge new requests from' }),
    ).not.toBeInTheDocument();
  });

  it('shows the API field errors under their fields and a stale version as a reload', async () => {
    const api = apiWith({
      updatePreferences: jest
        .fn()
        .mockRejectedValueOnce(
          responseError(
            400,
            'Invalid email preferences: limits.maxAttachmentSizeMb must not exceed the message size',
          ),
        )
        .mockRejectedValueOnce(
          responseError(
            409,
            'The emails settings were changed by someone else; reload and try again',
          ),
        ),
    });
    await renderWithApis(<EmailPreferenceForm />, { api });
    await userEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(
        'Maximum attachment size (MB) must not exceed the message size',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Maximum attachment size (MB)'),
    ).toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(/changed by someone else — reload/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(api.getPreferences).toHaveBeenCalledTimes(2));
  });

  describe('notifications', () => {
    const edited: VersionedPreferences = {
      ...stored,
      notifications: {
        ...stored.notifications,
        templates: {
          ...stored.notifications.templates,
          acknowledgement: {
            subject: 'We got it: {{reference}}',
            text: 'Thanks {{requesterName}}.',
          },
        },
      },
    };

    async function template(name: string) {
      return within(await screen.findByRole('group', { name }));
    }

    it('shows each template with its placeholders and saves the edits and notifyOnClose', async () => {
      const api = apiWith();
      await renderWithApis(<EmailPreferenceForm />, { api });
      const closed = await template('Ticket closed');
      expect(closed.getByText(/Placeholders:/)).toHaveTextContent(
        '{{reference}}, {{title}}, {{requesterName}}, {{requesterEmail}}, {{mailboxName}}, {{resolution}}, {{technicianName}}',
      );
      const acknowledgement = await template('Acknowledgement of a new ticket');
      expect(acknowledgement.getByText(/Placeholders:/)).not.toHaveTextContent(
        '{{resolution}}',
      );
      expect(closed.getByLabelText('Subject')).toHaveValue(
        DEFAULT_NOTIFICATION_TEMPLATES.ticketClosed.subject,
      );

      const notifyOnClose = screen.getByRole('checkbox', {
        name: 'Notify the requester when a ticket is closed',
      });
      expect(notifyOnClose).toBeChecked();
      await userEvent.click(notifyOnClose);
      const subject = closed.getByLabelText('Subject');
      await userEvent.clear(subject);
      await userEvent.click(subject);
      await userEvent.paste('Closed: {{reference}}');
      const text = closed.getByLabelText('Text');
      await userEvent.clear(text);
      await userEvent.click(text);
      await userEvent.paste('{{resolution}}\n\n{{technicianName}}');
      await userEvent.clear(closed.getByLabelText('HTML'));
      await userEvent.click(screen.getByRole('button', { name: 'Save' }));

      await waitFor(() => expect(api.updatePreferences).toHaveBeenCalled());
      expect(api.updatePreferences.mock.calls[0][0]).toEqual({
        ...stored,
        notifications: {
          acknowledgeNewTickets: true,
          acknowledgeSenders: 'verified',
          notifyOnClose: false,
          templates: {
            acknowledgement: DEFAULT_NOTIFICATION_TEMPLATES.acknowledgement,
            // An empty HTML is left out: the backend makes it from the text.
            ticketClosed: {
              subject: 'Closed: {{reference}}',
              text: '{{resolution}}\n\n{{technicianName}}',
            },
          },
        },
      });
      expect(
        'html' in
          api.updatePreferences.mock.calls[0][0].notifications.templates
            .ticketClosed,
      ).toBe(false);
    });

    it('resets one template to its default', async () => {
      const api = apiWith({ getPreferences: async () => edited });
      await renderWithApis(<EmailPreferenceForm />, { api });
      const acknowledgement = await template('Acknowledgement of a new ticket');
      expect(acknowledgement.getByLabelText('Subject')).toHaveValue(
        'We got it: {{reference}}',
      );
      expect(acknowledgement.getByLabelText('HTML')).toHaveValue('');
      await userEvent.click(
        acknowledgement.getByRole('button', { name: 'Reset to default' }),
      );
      const defaults = DEFAULT_NOTIFICATION_TEMPLATES.acknowledgement;
      expect(acknowledgement.getByLabelText('Subject')).toHaveValue(
        defaults.subject,
      );
      expect(acknowledgement.getByLabelText('Text')).toHaveValue(defaults.text);
      expect(acknowledgement.getByLabelText('HTML')).toHaveValue(defaults.html);
      await userEvent.click(screen.getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(api.updatePreferences).toHaveBeenCalled());
      expect(api.updatePreferences.mock.calls[0][0].notifications).toEqual(
        stored.notifications,
      );
    });

    it('shows the API error of a template field next to it', async () => {
      const api = apiWith({
        updatePreferences: async () => {
          throw responseError(
            400,
            'Invalid email preferences: notifications.templates.ticketClosed.text may use only the placeholders {{reference}}, {{title}}',
          );
        },
      });
      await renderWithApis(<EmailPreferenceForm />, { api });
      await userEvent.click(
        await screen.findByRole('button', { name: 'Save' }),
      );
      const closed = await template('Ticket closed');
      expect(
        await closed.findByText(
          'Text may use only the placeholders {{reference}}, {{title}}',
        ),
      ).toBeInTheDocument();
      expect(closed.getByLabelText('Text')).toHaveAttribute(
        'aria-invalid',
        'true',
      );
      const acknowledgement = await template('Acknowledgement of a new ticket');
      expect(acknowledgement.getByLabelText('Text')).toHaveAttribute(
        'aria-invalid',
        'false',
      );
    });

    it('checks a subject without {{reference}} before sending it', async () => {
      const api = apiWith();
      await renderWithApis(<EmailPreferenceForm />, { api });
      const acknowledgement = await template('Acknowledgement of a new ticket');
      const subject = acknowledgement.getByLabelText('Subject');
      await userEvent.clear(subject);
      await userEvent.type(subject, 'Thanks');
      await userEvent.click(screen.getByRole('button', { name: 'Save' }));
      expect(
        await acknowledgement.findByText('Subject must contain {{reference}}'),
      ).toBeInTheDocument();
      expect(api.updatePreferences).not.toHaveBeenCalled();
    });
  });

  it('is read-only without the permission to change it', async () => {
    await renderWithApis(<EmailPreferenceForm />, {
      api: apiWith(),
      allow: [],
    });
    expect(
      await screen.findByRole('checkbox', { name: 'Enable Email to Ticket' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('radio', { name: 'Create new request' }),
    ).toBeDisabled();
    expect(screen.getByLabelText('Subject reference format')).toHaveAttribute(
      'readonly',
    );
    expect(
      screen.queryByRole('button', { name: 'Save' }),
    ).not.toBeInTheDocument();
  });
});
