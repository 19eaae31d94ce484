import { screen } from '@testing-library/react';
import {
  mockEmailsApi,
  renderWithApis,
  responseError,
  ticket,
  ticketDetail,
} from '../__testUtils__';
import { RequestsPage } from './RequestsPage';

// Reading tickets is decided per ticket by the backend, not by the page.
const READ: string[] = [];

describe('RequestsPage', () => {
  it('shows the Requests table at its root', async () => {
    const api = mockEmailsApi({
      listTickets: async () => ({ items: [ticket()] }),
    });
    await renderWithApis(<RequestsPage />, { api, allow: READ });
    expect(
      await screen.findByRole('heading', { name: 'Requests', level: 1 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('REQ-12')).toBeInTheDocument();
  });

  it('shows a request below it', async () => {
    const api = mockEmailsApi({
      getTicket: async id => ticketDetail({ id, reference: 'REQ-77' }),
    });
    await renderWithApis(<RequestsPage />, {
      api,
      allow: READ,
      routeEntries: ['/t-77'],
    });
    expect(
      await screen.findByRole('heading', { name: 'REQ-77: Printer on fire' }),
    ).toBeInTheDocument();
    expect(api.getTicket).toHaveBeenCalledWith('t-77');
  });

  it('shows a request the user may not read as not found, as the API answers', async () => {
    const api = mockEmailsApi({
      getTicket: async id => {
        throw responseError(404, `No ticket with id ${id}`);
      },
    });
    await renderWithApis(<RequestsPage />, {
      api,
      allow: READ,
      routeEntries: ['/t-9'],
    });
    expect(await screen.findByText('Request not found')).toBeInTheDocument();
  });

  it('tells users whom the policy allows no requests so, without an error', async () => {
    const api = mockEmailsApi({
      listTickets: async () => {
        throw responseError(403, 'Missing permission emails.ticket.read');
      },
    });
    await renderWithApis(<RequestsPage />, { api, allow: READ });
    expect(await screen.findByText('No requests to show')).toBeInTheDocument();
    expect(screen.queryByText(/Missing permission/)).not.toBeInTheDocument();
  });
});
