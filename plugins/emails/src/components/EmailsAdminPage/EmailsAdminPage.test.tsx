import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { IncomingServer } from '@internal/plugin-emails-common';
import { EmailsApi, emailsApiRef } from '../../api';
import { EmailsAdminPage } from './EmailsAdminPage';

const server = {
  id: 'in-1',
  name: 'IT Support',
  email: 'support@example.com',
  protocol: 'imap',
  enabled: true,
  primary: true,
} as IncomingServer;

function apiWith(incoming: IncomingServer[]): EmailsApi {
  return {
    listIncomingServers: jest.fn(async () => incoming),
    listOutgoingServers: jest.fn(async () => []),
  };
}

describe('EmailsAdminPage', () => {
  it('shows the three tabs and the incoming servers', async () => {
    const api = apiWith([server]);
    await renderInTestApp(
      <TestApiProvider apis={[[emailsApiRef, api]]}>
        <EmailsAdminPage />
      </TestApiProvider>,
    );
    expect(
      screen.getByRole('tab', { name: 'Incoming Email Servers' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Outgoing Email Servers' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Email Preference' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('IT Support')).toBeInTheDocument();
    expect(screen.getByText('support@example.com')).toBeInTheDocument();
    expect(screen.getByText('IMAP')).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Primary' })).toBeInTheDocument();
    expect(api.listIncomingServers).toHaveBeenCalledTimes(1);
  });

  it('says so when there is no server yet', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[emailsApiRef, apiWith([])]]}>
        <EmailsAdminPage />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('No incoming email servers yet'),
    ).toBeInTheDocument();
  });
});
