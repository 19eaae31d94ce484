import { emailsServerManagePermission } from '@internal/plugin-emails-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  inboundMessage,
  incomingServer,
  messageDetail,
  mockEmailsApi,
  outgoingServer,
  renderWithApis,
} from '../__testUtils__';
import { MessageDrawer } from './MessageDrawer';

async function renderDrawer(allow: string[], api = mockEmailsApi()) {
  const onChanged = jest.fn();
  await renderWithApis(
    <MessageDrawer
      messageId="msg-1"
      onClose={jest.fn()}
      onChanged={onChanged}
    />,
    { api, allow },
  );
  const drawer = await screen.findByRole('region', { name: 'Message' });
  await within(drawer).findByRole('table', { name: 'Decision trace' });
  return { api, drawer, onChanged };
}

describe('MessageDrawer', () => {
  it('shows the decision trace, the recipients and the attachments', async () => {
    const { drawer } = await renderDrawer([]);
    expect(
      within(drawer).getByRole('heading', { name: 'Printer on fire' }),
    ).toBeInTheDocument();
    const rows = within(
      within(drawer).getByRole('table', { name: 'Decision trace' }),
    ).getAllByRole('row');
    // Steps and detail keys in words, never raw JSON.
    expect(rows[1]).toHaveTextContent('Filters');
    expect(rows[1]).toHaveTextContent('allowed');
    expect(rows[1]).toHaveTextContent('Matched: example.com');
    expect(rows[1]).not.toHaveTextContent('{');
    expect(rows[1]).toHaveTextContent(
      new Date('2024-05-01T10:00:01Z').toLocaleString(),
    );
    expect(rows[2]).toHaveTextContent('created REQ-12');
    expect(drawer).toHaveTextContent('support@example.com');
    expect(drawer).toHaveTextContent('boss@example.com');
    expect(drawer).toHaveTextContent('photo.jpg (image/jpeg, 1.0 KB)');
    expect(
      within(drawer).getByRole('link', { name: 'View request' }),
    ).toHaveAttribute('href', '/requests/t-1');
  });

  it('names servers instead of showing their ids', async () => {
    const api = mockEmailsApi({
      getMessage: async () =>
        messageDetail({
          serverName: undefined,
          serverId: 'in-uuid-1',
          trace: [
            {
              step: 'acknowledge',
              at: '2024-05-01T10:00:03Z',
              decision: 'queued',
              detail: {
                outgoingServerId: 'out-uuid-9',
                fallbackToPrimary: false,
              },
            },
          ],
        }),
      listIncomingServers: async () => [
        incomingServer({ id: 'in-uuid-1', name: 'Helpdesk inbox' }),
      ],
      listOutgoingServers: async () => [
        outgoingServer({ id: 'out-uuid-9', name: 'EU relay' }),
      ],
    });
    const { drawer } = await renderDrawer([], api);
    await waitFor(() => expect(drawer).toHaveTextContent('Helpdesk inbox'));
    const trace = within(drawer).getByRole('table', { name: 'Decision trace' });
    expect(trace).toHaveTextContent('Acknowledgement');
    expect(trace).toHaveTextContent('Outgoing server ID: EU relay');
    expect(trace).toHaveTextContent('Fallback to primary: no');
    expect(drawer).not.toHaveTextContent('uuid');
  });

  it('hides Replay from users who may not manage servers', async () => {
    const { drawer } = await renderDrawer([]);
    expect(
      within(drawer).queryByRole('button', { name: 'Replay' }),
    ).not.toBeInTheDocument();
    expect(
      within(drawer).getByRole('button', { name: 'Download original' }),
    ).toBeInTheDocument();
  });

  it('replays the message for managers after asking, says what it did and refreshes it and the list', async () => {
    const { api, drawer, onChanged } = await renderDrawer(
      [emailsServerManagePermission.name],
      mockEmailsApi({
        replayMessage: async id => ({
          ...inboundMessage({ id, status: 'appended' }),
          replay: {
            action: 'reopened',
            previousStatus: 'failed',
            status: 'appended',
            ticketId: 't-1',
            summary:
              'Replayed by user:default/alice: added the message to this conversation and reopened the ticket.',
          },
        }),
      }),
    );
    await userEvent.click(
      within(drawer).getByRole('button', { name: 'Replay' }),
    );
    // Nothing happens before the admin confirms; Cancel leaves it alone.
    const ask = await screen.findByRole('dialog', {
      name: 'Replay this message?',
    });
    expect(api.replayMessage).not.toHaveBeenCalled();
    await userEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Replay this message?' }),
      ).not.toBeInTheDocument(),
    );
    expect(api.replayMessage).not.toHaveBeenCalled();

    await userEvent.click(
      within(drawer).getByRole('button', { name: 'Replay' }),
    );
    await userEvent.click(
      within(
        await screen.findByRole('dialog', { name: 'Replay this message?' }),
      ).getByRole('button', { name: 'Replay' }),
    );
    expect(
      await within(drawer).findByText(
        'Replayed: Appended. Replayed by user:default/alice: added the message to this conversation and reopened the ticket.',
      ),
    ).toBeInTheDocument();
    expect(api.replayMessage).toHaveBeenCalledTimes(1);
    expect(api.replayMessage).toHaveBeenCalledWith('msg-1');
    await waitFor(() => expect(api.getMessage).toHaveBeenCalledTimes(2));
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('downloads the original as an .eml file', async () => {
    const clicked: HTMLAnchorElement[] = [];
    Object.assign(URL, {
      createObjectURL: jest.fn(() => 'blob:http://localhost/raw'),
      revokeObjectURL: jest.fn(),
    });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(this);
      });
    const { api, drawer } = await renderDrawer([]);
    await userEvent.click(
      within(drawer).getByRole('button', { name: 'Download original' }),
    );
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(api.getMessageRaw).toHaveBeenCalledWith('msg-1');
    expect(clicked[0].download).toBe('message-msg-1.eml');
    click.mockRestore();
  });
});
