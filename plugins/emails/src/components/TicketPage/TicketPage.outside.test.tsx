import {
  emailsTicketReplyPermission,
  TicketEntry,
} from '@internal/plugin-emails-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockEmailsApi,
  renderWithApis,
  responseError,
  ticketDetail,
  ticketEntry,
} from '../__testUtils__';
import { TicketPage } from './TicketPage';

const fromOlga = (overrides: Partial<TicketEntry> = {}) =>
  ticketEntry({
    id: 'e-2',
    kind: 'note',
    author: { email: 'olga@partner.example', name: 'Olga' },
    text: 'Forwarded to me: is it fixed?',
    createdAt: '2024-05-01T11:00:00Z',
    outsideConversation: { status: 'pending' },
    ...overrides,
  });

async function renderWith(
  entries: TicketEntry[],
  options: { allow?: string[]; api?: Parameters<typeof mockEmailsApi>[0] } = {},
) {
  const api = mockEmailsApi({
    getTicket: async id => ticketDetail({ id, entries }),
    ...options.api,
  });
  await renderWithApis(<TicketPage ticketId="t-1" />, {
    api,
    allow: options.allow ?? [emailsTicketReplyPermission.name],
  });
  await screen.findByRole('heading', { name: 'REQ-12: Printer on fire' });
  return api;
}

describe('TicketPage: replies from outside the conversation', () => {
  it('marks one waiting for review and publishes it, reading the ticket again', async () => {
    const api = await renderWith([ticketEntry(), fromOlga()]);
    const entry = screen.getByRole('article', {
      name: 'Internal note by Olga',
    });
    expect(
      within(entry).getByText('From outside the conversation'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(entry).getByRole('button', { name: 'Publish' }),
    );
    expect(api.reviewOutsideReply).toHaveBeenCalledWith(
      't-1',
      'e-2',
      'publish',
    );
    await waitFor(() => expect(api.getTicket).toHaveBeenCalledTimes(2));
  });

  it('dismisses one, and hides dismissed ones until asked for', async () => {
    const api = await renderWith([
      ticketEntry(),
      fromOlga(),
      fromOlga({
        id: 'e-3',
        author: { email: 'spam@elsewhere.example', name: 'Spam' },
        createdAt: '2024-05-01T12:00:00Z',
        outsideConversation: {
          status: 'dismissed',
          reviewedBy: 'user:default/tom',
          reviewedAt: '2024-05-01T13:00:00Z',
        },
      }),
    ]);
    expect(
      screen.queryByRole('article', { name: 'Internal note by Spam' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show 1 dismissed reply from outside the conversation',
      }),
    );
    const shown = screen.getByRole('article', {
      name: 'Internal note by Spam',
    });
    expect(
      within(shown).getByText('From outside the conversation, dismissed'),
    ).toBeInTheDocument();
    // Decided already: nothing more to do with it.
    expect(
      within(shown).queryByRole('button', { name: 'Publish' }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      within(
        screen.getByRole('article', { name: 'Internal note by Olga' }),
      ).getByRole('button', { name: 'Dismiss' }),
    );
    expect(api.reviewOutsideReply).toHaveBeenCalledWith(
      't-1',
      'e-2',
      'dismiss',
    );
  });

  it('shows a published one as a reply, still marked, without actions', async () => {
    await renderWith([
      ticketEntry(),
      fromOlga({
        kind: 'reply',
        outsideConversation: { status: 'published' },
      }),
    ]);
    const entry = screen.getByRole('article', { name: 'Reply by Olga' });
    expect(
      within(entry).getByText('From outside the conversation'),
    ).toBeInTheDocument();
    expect(within(entry).queryByRole('button')).not.toBeInTheDocument();
  });

  it('tells when another technician decided first and reads the ticket again', async () => {
    const api = await renderWith([ticketEntry(), fromOlga()], {
      api: {
        reviewOutsideReply: async () => {
          throw responseError(409, 'Entry e-2 was published already');
        },
      },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
    expect(
      await screen.findByText('Entry e-2 was published already'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getTicket).toHaveBeenCalledTimes(2));
  });

  it('offers no Publish or Dismiss without the reply permission', async () => {
    await renderWith([ticketEntry(), fromOlga()], { allow: [] });
    const entry = screen.getByRole('article', {
      name: 'Internal note by Olga',
    });
    expect(
      within(entry).getByText('From outside the conversation'),
    ).toBeInTheDocument();
    expect(
      within(entry).queryByRole('button', { name: 'Publish' }),
    ).not.toBeInTheDocument();
    expect(
      within(entry).queryByRole('button', { name: 'Dismiss' }),
    ).not.toBeInTheDocument();
  });
});
