import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  incomingServer,
  mockEmailsApi,
  outgoingServer,
  renderWithApis,
  responseError,
} from '../__testUtils__';
import { MailServer } from './draft';
import { ServerDrawer } from './ServerDrawer';

async function renderDrawer(
  options: {
    direction?: 'incoming' | 'outgoing';
    server?: MailServer;
    api?: ReturnType<typeof mockEmailsApi>;
  } = {},
) {
  const api = options.api ?? mockEmailsApi();
  const onSaved = jest.fn();
  await renderWithApis(
    <ServerDrawer
      direction={options.direction ?? 'incoming'}
      server={options.server}
      onClose={jest.fn()}
      onSaved={onSaved}
    />,
    { api },
  );
  return { api, onSaved };
}

const field = (label: string | RegExp) => screen.queryByLabelText(label);
const select = (label: string, value: string) =>
  userEvent.selectOptions(screen.getByLabelText(label), value);
const options = (label: string) =>
  Array.from(
    (screen.getByLabelText(label) as HTMLSelectElement).options,
    option => option.textContent,
  );
const IMPERSONATION = 'Use impersonation (ApplicationImpersonation role)';
const EWS_URL = 'https://mail.example.com/EWS/Exchange.asmx';

/** An EWS incoming server that signs in with NTLM and impersonates the mailbox. */
const ewsServer = () =>
  incomingServer({
    protocol: 'ews',
    host: undefined,
    port: undefined,
    security: undefined,
    ewsUrl: EWS_URL,
    authType: 'ntlm',
    username: 'CORP\\svc-helpdesk',
    ewsImpersonation: true,
    realTime: true,
  });

describe('ServerDrawer', () => {
  it('hides Server, Port, Security Type and Email Auth Type for Sign in with Microsoft', async () => {
    await renderDrawer();
    expect(field('Server')).toBeInTheDocument();
    expect(field('Email Auth Type')).toBeInTheDocument();
    expect(field('Password')).toBeInTheDocument();
    await select('Email Provider', 'microsoft');
    for (const label of [
      'Server',
      'Port',
      'Security Type',
      'Email Auth Type',
      'Password',
    ]) {
      expect(field(label)).not.toBeInTheDocument();
    }
    expect(field('OAuth Client ID')).toBeInTheDocument();
    expect(field('Authorization URL')).toHaveValue(
      'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    );
    await userEvent.type(field('Tenant ID')!, 'contoso');
    expect(field('Token URL')).toHaveValue(
      'https://login.microsoftonline.com/contoso/oauth2/v2.0/token',
    );
    expect(screen.getByLabelText('Protocol')).not.toHaveTextContent('POP3');
  });

  it('shows the OAuth fields instead of Password for OAuth, also for POP3', async () => {
    await renderDrawer();
    await select('Email Auth Type', 'oauth');
    expect(field('Password')).not.toBeInTheDocument();
    expect(field('Client Secret')).toBeInTheDocument();
    expect(field('Scope')).toBeInTheDocument();
    await select('Protocol', 'pop3');
    expect(field('Email Auth Type')).toBeInTheDocument();
    expect(field('Password')).not.toBeInTheDocument();
    expect(field('Client Secret')).toBeInTheDocument();
    expect(field('Scope')).toBeInTheDocument();
    expect(field('Delete after fetch')).toBeInTheDocument();
    expect(field('Real Time Scanning')).not.toBeInTheDocument();
  });

  it('shows the EWS Connect URL for MAPI (EWS) and the Graph Endpoint for Graph', async () => {
    await renderDrawer();
    await select('Protocol', 'ews');
    expect(field('EWS Connect URL')).toBeInTheDocument();
    expect(field('Server')).not.toBeInTheDocument();
    await select('Protocol', 'graph');
    expect(field('EWS Connect URL')).not.toBeInTheDocument();
    expect(field('Graph Endpoint')).toHaveValue('https://graph.microsoft.com');
    expect(field('Email Auth Type')).not.toBeInTheDocument();
    expect(field('Scope')).toHaveValue('Mail.ReadWrite offline_access');
  });

  it('offers NTLM for MAPI (EWS) only, with Username and Password, and falls back to Basic Auth', async () => {
    await renderDrawer();
    expect(options('Email Auth Type')).toEqual(['Basic Auth', 'OAuth']);
    await select('Protocol', 'ews');
    expect(options('Email Auth Type')).toEqual(['Basic Auth', 'NTLM', 'OAuth']);
    await select('Email Auth Type', 'ntlm');
    expect(field('Username')).toHaveAttribute('placeholder', 'DOMAIN\\user');
    expect(
      screen.getByText('The Windows account, as DOMAIN\\user'),
    ).toBeInTheDocument();
    expect(field('Password')).toBeInTheDocument();
    expect(field('OAuth Client ID')).not.toBeInTheDocument();
    await select('Protocol', 'imap');
    expect(field('Email Auth Type')).toHaveValue('basic');
    expect(options('Email Auth Type')).toEqual(['Basic Auth', 'OAuth']);
    expect(field('Password')).toBeInTheDocument();
  });

  it('shows the impersonation switch and Real Time Scanning for MAPI (EWS), the switch for EWS only', async () => {
    await renderDrawer();
    expect(field(IMPERSONATION)).not.toBeInTheDocument();
    await select('Protocol', 'ews');
    const impersonation = screen.getByRole('checkbox', { name: IMPERSONATION });
    expect(impersonation).not.toBeChecked();
    expect(impersonation).toBeEnabled();
    expect(impersonation).toHaveAccessibleDescription(
      /Exchange impersonation .* delegate \(Full Access\) rights/,
    );
    expect(field('Real Time Scanning')).toBeInTheDocument();
    await select('Protocol', 'pop3');
    expect(field(IMPERSONATION)).not.toBeInTheDocument();
    expect(field('Real Time Scanning')).not.toBeInTheDocument();
  });

  it('creates an EWS server with NTLM and impersonation', async () => {
    const { api } = await renderDrawer();
    await userEvent.type(field(/^Name\W*$/)!, 'Exchange');
    await userEvent.type(field(/^Email\W*$/)!, 'support@example.com');
    await select('Protocol', 'ews');
    await userEvent.type(field('EWS Connect URL')!, EWS_URL);
    await select('Email Auth Type', 'ntlm');
    await userEvent.type(field('Username')!, 'CORP\\svc-helpdesk');
    await userEvent.type(field('Password')!, 's3cret');
    await userEvent.click(
      screen.getByRole('checkbox', { name: IMPERSONATION }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.createIncomingServer).toHaveBeenCalled());
    expect(api.createIncomingServer.mock.calls[0][0]).toMatchObject({
      protocol: 'ews',
      ewsUrl: EWS_URL,
      authType: 'ntlm',
      username: 'CORP\\svc-helpdesk',
      password: 's3cret',
      ewsImpersonation: true,
    });
  });

  it('sends no impersonation once an EWS server becomes IMAP', async () => {
    const { api } = await renderDrawer({ server: ewsServer() });
    expect(field('Email Auth Type')).toHaveValue('ntlm');
    expect(screen.getByRole('checkbox', { name: IMPERSONATION })).toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'Real Time Scanning' }),
    ).toBeChecked();
    await select('Protocol', 'imap');
    await userEvent.type(field('Server')!, 'imap.example.com');
    expect(field('Email Auth Type')).toHaveValue('basic');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.updateIncomingServer).toHaveBeenCalled());
    const body = api.updateIncomingServer.mock.calls[0][1];
    expect(body).toMatchObject({ protocol: 'imap', authType: 'basic' });
    expect(body).not.toHaveProperty('ewsImpersonation');
  });

  it('sends impersonation for an outgoing EWS server', async () => {
    const server = outgoingServer({
      protocol: 'ews',
      host: undefined,
      port: undefined,
      security: undefined,
      ewsUrl: EWS_URL,
      authType: 'ntlm',
    });
    const { api } = await renderDrawer({ direction: 'outgoing', server });
    expect(field('Authentication Needed')).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('checkbox', { name: IMPERSONATION }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.updateOutgoingServer).toHaveBeenCalled());
    expect(api.updateOutgoingServer.mock.calls[0][1]).toMatchObject({
      protocol: 'ews',
      authType: 'ntlm',
      ewsImpersonation: true,
    });
  });

  it('fills in the port from protocol and security, but keeps a port typed by hand', async () => {
    await renderDrawer();
    expect(field('Port')).toHaveValue(993);
    await select('Security Type', 'starttls');
    expect(field('Port')).toHaveValue(143);
    await select('Protocol', 'pop3');
    expect(field('Port')).toHaveValue(110);
    await userEvent.clear(field('Port')!);
    await userEvent.type(field('Port')!, '2110');
    await select('Security Type', 'ssl');
    expect(field('Port')).toHaveValue(2110);
  });

  it('labels the security types as the seeds do', async () => {
    await renderDrawer();
    const security = screen.getByLabelText('Security Type');
    expect(security).toHaveTextContent('SSL/TLS');
    expect(security).toHaveTextContent('STARTTLS (TLS)');
  });

  it('keeps a stored password: the field says so and an untouched one is not sent', async () => {
    const server = incomingServer({ version: 9 });
    const { api, onSaved } = await renderDrawer({ server });
    expect(
      screen.getByRole('heading', { name: 'Edit Incoming Email Server' }),
    ).toBeInTheDocument();
    expect(field('Password')).toHaveValue('');
    expect(
      screen.getByText('Password is set — type to replace'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.updateIncomingServer).toHaveBeenCalled());
    const [id, body] = api.updateIncomingServer.mock.calls[0];
    expect(id).toBe('in-1');
    expect(body).not.toHaveProperty('password');
    expect(body).toMatchObject({
      version: 9,
      host: 'imap.example.com',
      port: 993,
    });
    expect(onSaved).toHaveBeenCalled();
  });

  it('sends a replaced password', async () => {
    const { api } = await renderDrawer({ server: incomingServer() });
    await userEvent.type(field('Password')!, 'n3w');
    expect(
      screen.queryByText('Password is set — type to replace'),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.updateIncomingServer).toHaveBeenCalled());
    expect(api.updateIncomingServer.mock.calls[0][1]).toMatchObject({
      password: 'n3w',
    });
  });

  it('shows the API validation errors under their fields', async () => {
    const api = mockEmailsApi({
      updateIncomingServer: async () => {
        throw responseError(
          400,
          'Invalid incoming server: host does not resolve; technicianGroup has no group group:default/it-support',
        );
      },
    });
    await renderDrawer({ server: incomingServer(), api });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('Server does not resolve'),
    ).toBeInTheDocument();
    expect(field('Server')).toHaveAttribute('aria-invalid', 'true');
    expect(
      screen.getByText(
        'Technician Group has no group group:default/it-support',
      ),
    ).toBeInTheDocument();
    expect(field('Technician Group')).toHaveAttribute('aria-invalid', 'true');
    expect(field('Port')).toHaveAttribute('aria-invalid', 'false');
  });

  it('checks a new server before sending it', async () => {
    const { api } = await renderDrawer();
    await userEvent.type(field(/^Email\W*$/)!, 'not-an-address');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(
        'Email must be a valid email address like name@example.com',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Name is required')).toBeInTheDocument();
    expect(api.createIncomingServer).not.toHaveBeenCalled();
  });

  it('asks for a reload when someone else saved first, and reloads', async () => {
    const api = mockEmailsApi({
      updateIncomingServer: async () => {
        throw responseError(
          409,
          'The incoming server was changed by someone else; reload and try again',
        );
      },
      getIncomingServer: async () =>
        incomingServer({ name: 'Renamed', version: 10 }),
    });
    await renderDrawer({ server: incomingServer(), api });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(/changed by someone else — reload/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(field(/^Name\W*$/)).toHaveValue('Renamed'));
  });

  it('creates an outgoing server without credentials when Authentication Needed is off', async () => {
    const { api, onSaved } = await renderDrawer({ direction: 'outgoing' });
    expect(field('Sender Name')).toBeInTheDocument();
    expect(field('Technician Group')).not.toBeInTheDocument();
    await userEvent.type(field(/^Name\W*$/)!, 'Relay');
    await userEvent.type(field(/^Email\W*$/)!, 'noreply@example.com');
    await userEvent.type(field('Server')!, 'smtp.example.com');
    expect(field('Port')).toHaveValue(587);
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Authentication Needed' }),
    );
    expect(field('Username')).not.toBeInTheDocument();
    expect(field('Email Auth Type')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.createOutgoingServer).toHaveBeenCalled());
    const body = api.createOutgoingServer.mock.calls[0][0];
    expect(body).toMatchObject({
      name: 'Relay',
      protocol: 'smtp',
      port: 587,
      security: 'starttls',
      authNeeded: false,
    });
    expect(body).not.toHaveProperty('username');
    expect(body).not.toHaveProperty('version');
    expect(onSaved).toHaveBeenCalled();
  });

  it('lists the proxies and outgoing servers to choose from', async () => {
    const api = mockEmailsApi({
      listProxies: async () => [
        {
          id: 'p1',
          name: 'Corp proxy',
          protocol: 'http',
          host: 'proxy',
          port: 3128,
          passwordSet: false,
          version: 1,
        },
      ],
      listOutgoingServers: async () => [outgoingServer()],
    });
    await renderDrawer({ api });
    await waitFor(() =>
      expect(screen.getByLabelText('Proxy Server')).toHaveTextContent(
        'Corp proxy (proxy:3128)',
      ),
    );
    expect(screen.getByLabelText('Outgoing Email Server')).toHaveTextContent(
      'Relay <noreply@example.com>',
    );
  });
});
