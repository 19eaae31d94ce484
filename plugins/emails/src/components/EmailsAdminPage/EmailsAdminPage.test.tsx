import { emailsAuditReadPermission } from '@internal/plugin-emails-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ADMIN,
  inboundMessage,
  incomingServer,
  mockEmailsApi,
  renderWithApis,
} from '../__testUtils__';
import { Route, Routes } from 'react-router-dom';
import { EmailsAdminPage } from './EmailsAdminPage';

// Mounted under a splat route, as the app mounts it, so its tabs' routes match.
const page = (
  <Routes>
    <Route path="/*" element={<EmailsAdminPage />} />
  </Routes>
);

describe('EmailsAdminPage', () => {
  it('shows the tabs and the incoming servers as cards', async () => {
    const api = mockEmailsApi({
      listIncomingServers: async () => [incomingServer()],
    });
    await renderWithApis(page, {
      api,
      allow: [...ADMIN, emailsAuditReadPermission.name],
    });
    for (const tab of [
      'Incoming Email Servers',
      'Outgoing Email Servers',
      'Email Preference',
      'Rules',
      'Configuration Audit',
    ]) {
      expect(screen.getByRole('tab', { name: tab })).toBeInTheDocument();
    }
    const card = await screen.findByRole('article', { name: 'IT Support' });
    expect(card).toHaveTextContent('support@example.com');
    expect(card).toHaveTextContent('IMAP');
    expect(card).toHaveTextContent('Primary');
    expect(api.listIncomingServers).toHaveBeenCalledTimes(1);
  });

  it('says so when there is no server yet', async () => {
    await renderWithApis(page, { api: mockEmailsApi() });
    expect(
      await screen.findByText('No incoming email servers yet'),
    ).toBeInTheDocument();
  });

  it('shows the Messages tab to readers of the processing log', async () => {
    const api = mockEmailsApi({
      listMessages: async () => ({ items: [inboundMessage()] }),
    });
    await renderWithApis(page, {
      api,
      allow: [...ADMIN, emailsAuditReadPermission.name],
    });
    await userEvent.click(await screen.findByRole('tab', { name: 'Messages' }));
    expect(await screen.findByText('Printer on fire')).toBeInTheDocument();
  });

  it('hides the audit tabs from those who may not read the audit', async () => {
    await renderWithApis(page, { api: mockEmailsApi() });
    await screen.findByText('No incoming email servers yet');
    for (const tab of ['Messages', 'Outgoing Queue', 'Configuration Audit']) {
      expect(screen.queryByRole('tab', { name: tab })).not.toBeInTheDocument();
    }
  });

  it('tells users who are not administrators so, with nothing to edit and no error', async () => {
    const api = mockEmailsApi();
    await renderWithApis(page, { api, allow: [] });
    expect(
      await screen.findByText('You need to be an administrator'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(api.listIncomingServers).not.toHaveBeenCalled();
  });
});
