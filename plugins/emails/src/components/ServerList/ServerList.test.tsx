import {
  emailsRuleManagePermission,
  emailsServerManagePermission,
} from '@internal/plugin-emails-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  incomingServer,
  mockEmailsApi,
  outgoingServer,
  renderWithApis,
  responseError,
} from '../__testUtils__';
import { ServerList } from './ServerList';

describe('ServerList', () => {
  it('hides Add and every card action from users who may not manage servers', async () => {
    const api = mockEmailsApi({
      listIncomingServers: async () => [incomingServer()],
    });
    await renderWithApis(<ServerList direction="incoming" />, {
      api,
      allow: [],
    });
    const card = await screen.findByRole('article', { name: 'IT Support' });
    expect(
      screen.queryByRole('button', { name: /Add/ }),
    ).not.toBeInTheDocument();
    expect(within(card).queryByRole('button')).not.toBeInTheDocument();
    expect(within(card).queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('warns when no enabled server is primary', async () => {
    const api = mockEmailsApi({
      listOutgoingServers: async () => [
        outgoingServer({ primary: false }),
        outgoingServer({
          id: 'out-2',
          name: 'Backup',
          primary: true,
          enabled: false,
        }),
      ],
    });
    await renderWithApis(<ServerList direction="outgoing" />, { api });
    expect(
      await screen.findByText(/No enabled outgoing server is primary/),
    ).toBeInTheDocument();
  });

  it('shows no primary warning when an enabled server is primary', async () => {
    const api = mockEmailsApi({
      listOutgoingServers: async () => [outgoingServer({ primary: true })],
    });
    await renderWithApis(<ServerList direction="outgoing" />, { api });
    await screen.findByRole('article', { name: 'Relay' });
    expect(screen.queryByText(/is primary/)).not.toBeInTheDocument();
  });

  it('offers Add Incoming Email Server to managers and opens the drawer', async () => {
    const api = mockEmailsApi();
    await renderWithApis(<ServerList direction="incoming" />, {
      api,
      allow: [emailsServerManagePermission.name],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add Incoming Email Server' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Add Incoming Email Server' }),
    ).toBeInTheDocument();
  });

  it('offers Configure Outgoing Email Rules to rule managers and opens the rules', async () => {
    const api = mockEmailsApi({
      listOutgoingServers: async () => [outgoingServer()],
    });
    await renderWithApis(<ServerList direction="outgoing" />, {
      api,
      allow: [emailsRuleManagePermission.name],
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Configure Outgoing Email Rules',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Outgoing Email Rules',
    });
    expect(
      await within(dialog).findByRole('button', {
        name: 'Add Outgoing Email Rule',
      }),
    ).toBeInTheDocument();
    expect(api.getOutgoingRules).toHaveBeenCalled();
    expect(
      screen.queryByRole('button', { name: 'Add Outgoing Email Server' }),
    ).not.toBeInTheDocument();
  });

  it('hides Configure Outgoing Email Rules without the permission and on incoming servers', async () => {
    const api = mockEmailsApi({
      listOutgoingServers: async () => [outgoingServer()],
    });
    await renderWithApis(<ServerList direction="outgoing" />, {
      api,
      allow: [emailsServerManagePermission.name],
    });
    expect(
      await screen.findByRole('button', { name: 'Add Outgoing Email Server' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Configure Outgoing Email Rules' }),
    ).not.toBeInTheDocument();
  });

  it('keeps the rules off the incoming server list', async () => {
    await renderWithApis(<ServerList direction="incoming" />, {
      api: mockEmailsApi(),
    });
    expect(
      await screen.findByRole('button', { name: 'Add Incoming Email Server' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Configure Outgoing Email Rules' }),
    ).not.toBeInTheDocument();
  });

  it('turns a server off with all its settings, its version and no secret', async () => {
    const server = outgoingServer({ version: 6 });
    const api = mockEmailsApi({ listOutgoingServers: async () => [server] });
    await renderWithApis(<ServerList direction="outgoing" />, { api });
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Enable Relay' }),
    );
    await waitFor(() => expect(api.updateOutgoingServer).toHaveBeenCalled());
    const [id, body] = api.updateOutgoingServer.mock.calls[0];
    expect(id).toBe('out-1');
    expect(body).toMatchObject({
      name: 'Relay',
      host: 'smtp.example.com',
      enabled: false,
      version: 6,
    });
    expect(body).not.toHaveProperty('password');
    expect(body).not.toHaveProperty('health');
    await waitFor(() =>
      expect(api.listOutgoingServers).toHaveBeenCalledTimes(2),
    );
  });

  it('says when the toggle lost against someone else', async () => {
    const api = mockEmailsApi({
      listOutgoingServers: async () => [outgoingServer()],
      updateOutgoingServer: async () => {
        throw responseError(
          409,
          'changed by someone else; reload and try again',
        );
      },
    });
    await renderWithApis(<ServerList direction="outgoing" />, { api });
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Enable Relay' }),
    );
    expect(
      await screen.findByText(/changed by someone else/),
    ).toBeInTheDocument();
  });

  it('deletes only after the confirmation', async () => {
    const api = mockEmailsApi({
      listIncomingServers: async () => [incomingServer()],
    });
    await renderWithApis(<ServerList direction="incoming" />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete IT Support' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Delete IT Support?');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    expect(api.deleteIncomingServer).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Delete IT Support' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Delete',
      }),
    );
    await waitFor(() =>
      expect(api.deleteIncomingServer).toHaveBeenCalledWith('in-1'),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('opens Test Connection for the card', async () => {
    const api = mockEmailsApi({
      listIncomingServers: async () => [incomingServer()],
    });
    await renderWithApis(<ServerList direction="incoming" />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Test Connection' }),
    );
    expect(await screen.findByRole('dialog')).toHaveTextContent(
      'Test Connection: IT Support',
    );
    expect(api.testServer).toHaveBeenCalledWith(
      'incoming',
      'in-1',
      expect.objectContaining({ onStage: expect.any(Function) }),
    );
  });

  it('reloads the cards after Test Connection, whose result changes their health', async () => {
    let health = 'unknown';
    const api = mockEmailsApi({
      listIncomingServers: jest.fn(async () => [
        incomingServer({
          health: { status: health, inboundQueue: 0, consecutiveFailures: 0 },
        } as any),
      ]),
      testServer: jest.fn(async () => {
        health = 'unreachable';
        return { ok: false, stages: [] };
      }),
    });
    await renderWithApis(<ServerList direction="incoming" />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Test Connection' }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Close' }));
    const card = await screen.findByRole('article', { name: 'IT Support' });
    expect(await within(card).findByText('Unreachable')).toBeInTheDocument();
    expect(api.listIncomingServers).toHaveBeenCalledTimes(2);
  });

  it('syncs an IMAP server now and reloads the cards', async () => {
    const api = mockEmailsApi({
      listIncomingServers: async () => [incomingServer()],
    });
    await renderWithApis(<ServerList direction="incoming" />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sync now' }),
    );
    await waitFor(() => expect(api.syncServer).toHaveBeenCalledWith('in-1'));
    await waitFor(() =>
      expect(api.listIncomingServers).toHaveBeenCalledTimes(2),
    );
  });

  it('resumes a paused server and says why it failed when it does', async () => {
    const api = mockEmailsApi({
      listIncomingServers: async () => [
        incomingServer({
          health: { status: 'paused', inboundQueue: 2, consecutiveFailures: 5 },
          pausedReason: '5 messages in a row failed',
        }),
      ],
      resumeServer: async () => {
        throw responseError(409, 'the server is not paused');
      },
    });
    await renderWithApis(<ServerList direction="incoming" />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Resume' }),
    );
    expect(api.resumeServer).toHaveBeenCalledWith('in-1');
    expect(
      await screen.findByText('the server is not paused'),
    ).toBeInTheDocument();
  });
});
