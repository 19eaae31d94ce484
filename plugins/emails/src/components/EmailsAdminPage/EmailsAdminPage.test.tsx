import { screen } from '@testing-library/react';
import {
  incomingServer,
  mockEmailsApi,
  renderWithApis,
} from '../__testUtils__';
import { EmailsAdminPage } from './EmailsAdminPage';

describe('EmailsAdminPage', () => {
  it('shows the tabs and the incoming servers as cards', async () => {
    const api = mockEmailsApi({
      listIncomingServers: async () => [incomingServer()],
    });
    await renderWithApis(<EmailsAdminPage />, { api });
    for (const tab of [
      'Incoming Email Servers',
      'Outgoing Email Servers',
      'Email Preference',
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
    await renderWithApis(<EmailsAdminPage />, { api: mockEmailsApi() });
    expect(
      await screen.findByText('No incoming email servers yet'),
    ).toBeInTheDocument();
  });
});
