import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { emailsTicketReplyPermission } from '@internal/plugin-emails-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactElement } from 'react';
import {
  mockEmailsApi,
  renderWithApis,
  responseError,
  ticket,
  ticketDetail,
} from '../__testUtils__';
import { emulateScreen } from '../__testUtils__/media';
import { EntityEmailConversationsCard } from './EntityEmailConversationsCard';
import { EntityEmailConversationsContent } from './EntityEmailConversationsContent';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'it-support', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

function renderFor(
  entity: Entity,
  ui: ReactElement,
  api: ReturnType<typeof mockEmailsApi>,
  allow?: string[],
) {
  return renderWithApis(<EntityProvider entity={entity}>{ui}</EntityProvider>, {
    api,
    allow,
  });
}

describe('EntityEmailConversationsCard', () => {
  it('says so, without an error, to users whom the policy allows no requests', async () => {
    const api = mockEmailsApi({
      listTickets: async () => {
        throw responseError(403, 'Missing permission emails.ticket.read');
      },
    });
    await renderFor(group, <EntityEmailConversationsCard />, api, []);
    expect(await screen.findByText('No requests to show')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("lists a Group's requests, newest first, each linked to its page", async () => {
    const api = mockEmailsApi({
      listTickets: async () => ({
        items: [
          ticket(),
          ticket({
            id: 't-2',
            reference: 'REQ-13',
            title: 'Mouse missing',
            status: 'closed',
            createdAt: '2024-05-02T10:00:00Z',
          }),
        ],
      }),
    });
    await renderFor(group, <EntityEmailConversationsCard />, api);
    expect(await screen.findByRole('link', { name: 'REQ-12' })).toHaveAttribute(
      'href',
      '/requests/t-1',
    );
    expect(api.listTickets).toHaveBeenCalledWith({
      entityRef: 'group:default/it-support',
    });
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('REQ-13');
    expect(rows[0]).toHaveTextContent('Mouse missing');
    expect(rows[1]).toHaveTextContent('Printer on fire');
    expect(
      within(rows[1]).getByRole('link', { name: 'Jane Doe' }),
    ).toBeInTheDocument();
  });

  it('passes the entity ref of an email-server Resource and loads more pages', async () => {
    const resource: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'mail-it-support' },
      spec: { type: 'email-server', owner: 'group:default/it-support' },
    };
    const api = mockEmailsApi({
      listTickets: async filter =>
        filter?.cursor
          ? { items: [ticket({ id: 't-0', reference: 'REQ-1' })] }
          : { items: [ticket()], nextCursor: 'c2' },
    });
    await renderFor(resource, <EntityEmailConversationsCard />, api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Load more' }),
    );
    expect(await screen.findByText('REQ-1')).toBeInTheDocument();
    expect(api.listTickets).toHaveBeenLastCalledWith({
      entityRef: 'resource:default/mail-it-support',
      cursor: 'c2',
    });
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('keeps a long title and address on one line, whole on hover, at 1024 px', async () => {
    const restore = emulateScreen(true);
    const address = 'perf31@example.com';
    const api = mockEmailsApi({
      listTickets: async () => ({
        items: [
          ticket({
            title: 'Printer on the third floor is on fire again',
            requester: { email: address },
          }),
        ],
      }),
    });
    await renderFor(group, <EntityEmailConversationsCard />, api);
    const title = await screen.findByText(
      'Printer on the third floor is on fire again',
    );
    expect(title).toHaveAttribute('title', title.textContent);
    expect(title).toHaveStyle({ whiteSpace: 'nowrap' });
    expect(screen.getByText(address)).toHaveAttribute('title', address);
    // The creation time gives way to the columns that say what it is.
    await waitFor(() =>
      expect(
        screen.queryByRole('columnheader', { name: 'Created' }),
      ).toBeNull(),
    );
    restore();
  });

  it('says so when the entity has no requests', async () => {
    await renderFor(group, <EntityEmailConversationsCard />, mockEmailsApi());
    expect(
      await screen.findByText('No email conversations'),
    ).toBeInTheDocument();
  });
});

describe('EntityEmailConversationsContent', () => {
  it('shows the clicked request with its conversation and the composer, and reloads it after a reply', async () => {
    const api = mockEmailsApi({
      listTickets: async () => ({ items: [ticket()] }),
      getTicket: async id => ticketDetail({ id }),
    });
    await renderFor(group, <EntityEmailConversationsContent />, api, [
      emailsTicketReplyPermission.name,
    ]);
    await userEvent.click(await screen.findByText('Printer on fire'));
    const selected = await screen.findByRole('region', {
      name: 'Selected request',
    });
    expect(
      await within(selected).findByRole('heading', {
        name: 'REQ-12: Printer on fire',
      }),
    ).toBeInTheDocument();
    expect(api.getTicket).toHaveBeenCalledWith('t-1');
    expect(
      within(selected).getByRole('article', {
        name: 'Description by Jane Doe',
      }),
    ).toBeInTheDocument();
    await userEvent.type(
      await within(selected).findByLabelText('Message'),
      'Done.',
    );
    await userEvent.click(
      within(selected).getByRole('button', { name: 'Send' }),
    );
    await waitFor(() => expect(api.getTicket).toHaveBeenCalledTimes(2));
    expect(api.replyToTicket).toHaveBeenCalledWith(
      't-1',
      expect.objectContaining({ body: 'Done.' }),
    );
  });

  it('opens the clicked request beside the table, in a drawer that closes', async () => {
    const api = mockEmailsApi({
      listTickets: async () => ({ items: [ticket()] }),
      getTicket: async id => ticketDetail({ id }),
    });
    await renderFor(group, <EntityEmailConversationsContent />, api);
    await userEvent.click(await screen.findByText('Printer on fire'));
    const selected = await screen.findByRole('region', {
      name: 'Selected request',
    });
    // In the drawer's paper, not in the page flow under the table.
    expect(selected.closest('.MuiDrawer-paper')).not.toBeNull();
    await userEvent.click(
      within(selected).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Selected request' }),
      ).toBeNull(),
    );
  });
});
