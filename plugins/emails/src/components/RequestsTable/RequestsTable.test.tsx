import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { mockEmailsApi, renderWithApis, ticket } from '../__testUtils__';
import { RequestsTable } from './RequestsTable';

function Location() {
  return <div data-testid="location">{useLocation().pathname}</div>;
}

const guestTicket = ticket({
  id: 't-2',
  reference: 'REQ-13',
  title: 'VPN down',
  createdAt: '2024-05-02T10:00:00Z',
  requester: { email: 'visitor@elsewhere.org' },
  technicianGroup: undefined,
});

async function renderTable(api = mockEmailsApi()) {
  await renderWithApis(
    <>
      <RequestsTable />
      <Location />
    </>,
    { api },
  );
  return api;
}

function bodyRows() {
  return screen
    .getAllByRole('row')
    .filter(r => within(r).queryAllByRole('cell').length);
}

describe('RequestsTable', () => {
  it('shows the open requests newest first, with guest and catalog requesters', async () => {
    const api = await renderTable(
      mockEmailsApi({
        listTickets: async () => ({ items: [ticket(), guestTicket] }),
      }),
    );
    expect(await screen.findByText('REQ-13')).toBeInTheDocument();
    expect(api.listTickets).toHaveBeenCalledWith({ status: 'open' });
    const [first, second] = bodyRows();
    expect(first).toHaveTextContent('REQ-13');
    expect(first).toHaveTextContent('VPN down');
    expect(first).toHaveTextContent('visitor@elsewhere.org');
    expect(within(first).getByText('Guest')).toBeInTheDocument();
    expect(second).toHaveTextContent('Open');
    expect(within(second).queryByText('Guest')).not.toBeInTheDocument();
    expect(
      within(second).getByRole('link', { name: 'Jane Doe' }),
    ).toHaveAttribute('href', '/catalog/default/user/jane');
    expect(
      within(second).getByRole('link', { name: 'it-support' }),
    ).toHaveAttribute('href', '/catalog/default/group/it-support');
    expect(second).toHaveTextContent(
      new Date('2024-05-01T10:00:00Z').toLocaleString(),
    );
  });

  it('leads from a row to the request', async () => {
    await renderTable(
      mockEmailsApi({ listTickets: async () => ({ items: [ticket()] }) }),
    );
    const link = await screen.findByRole('link', { name: 'REQ-12' });
    expect(link).toHaveAttribute('href', '/requests/t-1');
    await userEvent.click(screen.getByText('Printer on fire'));
    // material-table holds a single click back to tell it from a double one
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent('/requests/t-1'),
    );
  });

  it('loads more requests with the cursor of the last page', async () => {
    const api = await renderTable(
      mockEmailsApi({
        listTickets: async ({ cursor } = {}) =>
          cursor
            ? {
                items: [
                  ticket({
                    id: 't-0',
                    reference: 'REQ-11',
                    createdAt: '2024-04-30T10:00:00Z',
                  }),
                ],
              }
            : { items: [ticket()], nextCursor: 'c2' },
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Load more' }),
    );
    expect(await screen.findByText('REQ-11')).toBeInTheDocument();
    expect(api.listTickets).toHaveBeenLastCalledWith({
      status: 'open',
      cursor: 'c2',
    });
    expect(screen.getByText('REQ-12')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('filters by status: closed, or all', async () => {
    const api = await renderTable();
    const status = await screen.findByLabelText('Status');
    await userEvent.selectOptions(status, 'closed');
    await waitFor(() =>
      expect(api.listTickets).toHaveBeenLastCalledWith({ status: 'closed' }),
    );
    await userEvent.selectOptions(status, 'all');
    await waitFor(() => expect(api.listTickets).toHaveBeenLastCalledWith({}));
  });

  it('says so when there is no request', async () => {
    await renderTable();
    expect(await screen.findByText('No requests')).toBeInTheDocument();
  });
});
