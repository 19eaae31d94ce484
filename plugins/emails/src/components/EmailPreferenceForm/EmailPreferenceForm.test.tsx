import { DEFAULT_EMAIL_PREFERENCES } from '@internal/plugin-emails-common';
import { screen, waitFor } from '@testing-library/react';
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
      // The notification settings the form does not show (templates) are kept.
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
    await userEvent.clear(format);
    await userEvent.type(format, '[REQ]');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('Subject reference format must contain {number}'),
    ).toBeInTheDocument();
    expect(api.updatePreferences).not.toHaveBeenCalled();
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
