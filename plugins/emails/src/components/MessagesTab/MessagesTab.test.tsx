import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  inboundMessage,
  incomingServer,
  mockEmailsApi,
  renderWithApis,
} from '../__testUtils__';
import { MessagesTab } from './MessagesTab';

const failed = inboundMessage({
  id: 'msg-2',
  serverName: undefined,
  serverId: 'in-2',
  status: 'failed',
  reason: 'invalid MIME structure',
  subject: 'Invoice 42',
  ticketId: undefined,
});

function renderTab(api = mockEmailsApi()) {
  return renderWithApis(<MessagesTab />, { api }).then(() => api);
}

describe('MessagesTab', () => {
  it('lists the processing log with status, reason and the request', async () => {
    await renderTab(
      mockEmailsApi({
        listIncomingServers: async () => [
          incomingServer(),
          incomingServer({ id: 'in-2', name: 'HR' }),
        ],
        listMessages: async () => ({ items: [inboundMessage(), failed] }),
      }),
    );
    const ticketed = (await screen.findByText('Printer on fire')).closest(
      'tr',
    )!;
    expect(ticketed).toHaveTextContent('IT Support');
    expect(ticketed).toHaveTextContent('jane@example.com');
    expect(ticketed).toHaveTextContent('Ticketed');
    expect(
      within(ticketed).getByRole('link', { name: 'View request' }),
    ).toHaveAttribute('href', '/requests/t-1');
    const rejected = screen.getByText('Invoice 42').closest('tr')!;
    expect(rejected).toHaveTextContent('Failed');
    expect(rejected).toHaveTextContent('invalid MIME structure');
    expect(rejected).toHaveTextContent('HR');
    expect(within(rejected).queryByRole('link')).not.toBeInTheDocument();
  });

  it('passes the server, status and search filters to the backend', async () => {
    const api = await renderTab(
      mockEmailsApi({ listIncomingServers: async () => [incomingServer()] }),
    );
    await waitFor(() => expect(api.listMessages).toHaveBeenCalledWith({}));
    await screen.findByRole('option', { name: 'IT Support' });
    await userEvent.selectOptions(screen.getByLabelText('Server'), 'in-1');
    await userEvent.selectOptions(
      screen.getByLabelText('Status'),
      'quarantined',
    );
    await userEvent.type(screen.getByLabelText('Search'), 'invoice');
    await waitFor(() =>
      expect(api.listMessages).toHaveBeenLastCalledWith({
        serverId: 'in-1',
        status: 'quarantined',
        q: 'invoice',
      }),
    );
    const statuses = within(screen.getByLabelText('Status'))
      .getAllByRole('option')
      .map(o => o.getAttribute('value'));
    expect(statuses).toEqual([
      '',
      'received',
      'ticketed',
      'appended',
      'ignored',
      'duplicate',
      'rejected',
      'quarantined',
      'failed',
    ]);
  });

  it('loads more messages with the cursor of the last page', async () => {
    const api = await renderTab(
      mockEmailsApi({
        listMessages: async ({ cursor } = {}) =>
          cursor
            ? { items: [failed] }
            : { items: [inboundMessage()], nextCursor: 'c2' },
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Load more' }),
    );
    expect(await screen.findByText('Invoice 42')).toBeInTheDocument();
    expect(screen.getByText('Printer on fire')).toBeInTheDocument();
    expect(api.listMessages).toHaveBeenLastCalledWith({ cursor: 'c2' });
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('opens a message with its decision trace', async () => {
    const api = await renderTab(
      mockEmailsApi({
        listMessages: async () => ({ items: [inboundMessage()] }),
      }),
    );
    await userEvent.click(await screen.findByText('Printer on fire'));
    const drawer = await screen.findByRole('region', { name: 'Message' });
    expect(
      await within(drawer).findByRole('table', { name: 'Decision trace' }),
    ).toBeInTheDocument();
    expect(api.getMessage).toHaveBeenCalledWith('msg-1');
  });
});
