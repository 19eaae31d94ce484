import { emailsTicketReadPermission } from '@internal/plugin-emails-common';
import { screen } from '@testing-library/react';
import {
  mockEmailsApi,
  renderWithApis,
  ticket,
  ticketDetail,
} from '../__testUtils__';
import { RequestsPage } from './RequestsPage';

const READ = [emailsTicketReadPermission.name];

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

  it('is not there for users who may not read tickets', async () => {
    const api = mockEmailsApi();
    await renderWithApis(<RequestsPage />, {
      api,
      allow: [],
      components: { NotFoundErrorPage: () => <p>Page not found</p> },
    });
    expect(await screen.findByText('Page not found')).toBeInTheDocument();
    expect(api.listTickets).not.toHaveBeenCalled();
  });
});
