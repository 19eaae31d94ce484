import { DEFAULT_EMAIL_PREFERENCES } from '@internal/plugin-emails-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VersionedPreferences } from '../../api/EmailsApi';
import { mockEmailsApi, renderWithApis } from '../__testUtils__';
import {
  EmailPreferenceForm,
  LEAVE_PREFERENCE_MESSAGE,
} from './EmailPreferenceForm';

const stored: VersionedPreferences = {
  ...DEFAULT_EMAIL_PREFERENCES,
  version: 4,
};

function apiWith(overrides: Parameters<typeof mockEmailsApi>[0] = {}) {
  return mockEmailsApi({ getPreferences: async () => stored, ...overrides });
}

describe('EmailPreferenceForm unsaved edits', () => {
  it('keeps Save in view while there are unsaved edits', async () => {
    const api = apiWith({
      updatePreferences: async prefs => ({ ...prefs, version: 5 }),
    });
    await renderWithApis(<EmailPreferenceForm />, { api });
    const bar = await screen.findByRole('region', {
      name: 'Save Email Preference',
    });
    expect(bar).not.toHaveStyle({ position: 'sticky' });
    expect(bar).not.toHaveTextContent('Unsaved changes');
    const ccUser = screen.getByRole('checkbox', { name: 'CC User' });
    await userEvent.click(ccUser);
    expect(bar).toHaveStyle({ position: 'sticky', bottom: '0px' });
    expect(bar).toHaveTextContent('Unsaved changes');
    // Undoing the edit leaves nothing unsaved.
    await userEvent.click(ccUser);
    expect(bar).not.toHaveStyle({ position: 'sticky' });
    await userEvent.click(ccUser);
    await userEvent.click(within(bar).getByRole('button', { name: 'Save' }));
    await screen.findByText('Email Preference saved.');
    expect(bar).not.toHaveStyle({ position: 'sticky' });
  });

  it('asks before unsaved edits are left for another tab', async () => {
    const onTab = jest.fn();
    await renderWithApis(
      <>
        <button role="tab" onClick={onTab}>
          Rules
        </button>
        <EmailPreferenceForm />
      </>,
      { api: apiWith() },
    );
    const rulesTab = screen.getByRole('tab', { name: 'Rules' });
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'CC User' }),
    );
    await userEvent.click(rulesTab);
    const dialog = await screen.findByRole('dialog', {
      name: 'Unsaved changes',
    });
    expect(dialog).toHaveTextContent(LEAVE_PREFERENCE_MESSAGE);
    expect(onTab).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stay' }));
    expect(onTab).not.toHaveBeenCalled();
    expect(screen.getByRole('checkbox', { name: 'CC User' })).not.toBeChecked();

    await userEvent.click(rulesTab);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Leave without saving' }),
    );
    expect(onTab).toHaveBeenCalledTimes(1);
  });
});
