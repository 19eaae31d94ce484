import { emailsTicketReplyPermission } from '@internal/plugin-emails-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockEmailsApi,
  permissionApiAllowing,
  renderWithApis,
  responseError,
  ticket,
} from '../__testUtils__';
import { TicketStatusActions } from './TicketStatusActions';

const REPLY = [emailsTicketReplyPermission.name];

async function renderActions(
  options: {
    api?: ReturnType<typeof mockEmailsApi>;
    status?: 'open' | 'closed';
    allow?: string[];
  } = {},
) {
  const api = options.api ?? mockEmailsApi();
  const onChanged = jest.fn();
  await renderWithApis(
    <TicketStatusActions
      ticket={ticket({ status: options.status ?? 'open' })}
      onChanged={onChanged}
    />,
    { api, allow: options.allow ?? REPLY },
  );
  return { api, onChanged };
}

async function openCloseDialog() {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Close ticket' }),
  );
  return screen.getByRole('dialog', { name: 'Close REQ-12' });
}

describe('TicketStatusActions', () => {
  it('closes with the resolution, notifying by default, and tells the requester was notified', async () => {
    const { api, onChanged } = await renderActions();
    const dialog = await openCloseDialog();
    expect(
      within(dialog).getByRole('checkbox', { name: 'Notify the requester' }),
    ).toBeChecked();
    await userEvent.type(
      within(dialog).getByLabelText('Resolution'),
      '  Replaced the fuser.  ',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close ticket' }),
    );
    expect(
      await screen.findByText(
        'Request closed. The requester was notified (jane@example.com).',
      ),
    ).toBeInTheDocument();
    // Left untouched, the Email Preference decides.
    expect(api.closeTicket).toHaveBeenCalledWith('t-1', {
      resolution: 'Replaced the fuser.',
    });
    expect(onChanged).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('closes without notifying when unticked and says why nobody was told', async () => {
    const api = mockEmailsApi({
      closeTicket: async () => ({
        status: 'closed',
        closedAt: '2024-05-02T09:00:00Z',
        notification: {
          queued: false,
          reason: 'the technician chose not to notify',
        },
      }),
    });
    await renderActions({ api });
    const dialog = await openCloseDialog();
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Notify the requester' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close ticket' }),
    );
    expect(
      await screen.findByText(
        'Request closed. Not notified: the technician chose not to notify.',
      ),
    ).toBeInTheDocument();
    expect(api.closeTicket).toHaveBeenCalledWith('t-1', {
      notifyRequester: false,
    });
  });

  it('starts the checkbox from the Email Preference and sends a changed choice', async () => {
    const api = mockEmailsApi({
      getPreferences: async () =>
        ({
          version: 2,
          notifications: { acknowledgeNewTickets: true, notifyOnClose: false },
        } as any),
    });
    await renderActions({ api });
    const dialog = await openCloseDialog();
    const box = within(dialog).getByRole('checkbox', {
      name: 'Notify the requester',
    });
    await waitFor(() => expect(box).not.toBeChecked());
    await userEvent.click(box);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close ticket' }),
    );
    await waitFor(() =>
      expect(api.closeTicket).toHaveBeenCalledWith('t-1', {
        notifyRequester: true,
      }),
    );
  });

  it('keeps the dialog and shows a 400 under the resolution', async () => {
    const api = mockEmailsApi({
      closeTicket: async () => {
        throw responseError(
          400,
          'Invalid close: resolution must be at most 20000 characters',
        );
      },
    });
    const { onChanged } = await renderActions({ api });
    const dialog = await openCloseDialog();
    await userEvent.type(within(dialog).getByLabelText('Resolution'), 'Done');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close ticket' }),
    );
    expect(
      await within(dialog).findByText(
        'Resolution must be at most 20000 characters',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Resolution')).toHaveValue('Done');
    expect(within(dialog).getByLabelText('Resolution')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('tells a ticket closed by someone else and reads it again', async () => {
    const api = mockEmailsApi({
      closeTicket: async () => {
        throw responseError(409, 'Ticket t-1 is closed already');
      },
    });
    const { onChanged } = await renderActions({ api });
    const dialog = await openCloseDialog();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close ticket' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Ticket t-1 is closed already',
    );
    expect(onChanged).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('cancels without closing', async () => {
    const { api } = await renderActions();
    const dialog = await openCloseDialog();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.closeTicket).not.toHaveBeenCalled();
  });

  it('reopens a closed ticket', async () => {
    const { api, onChanged } = await renderActions({ status: 'closed' });
    expect(
      screen.queryByRole('button', { name: 'Close ticket' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reopen' }),
    );
    expect(await screen.findByText('Request reopened.')).toBeInTheDocument();
    expect(api.reopenTicket).toHaveBeenCalledWith('t-1');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('shows the 409 of a ticket reopened already', async () => {
    const api = mockEmailsApi({
      reopenTicket: async () => {
        throw responseError(409, 'Ticket t-1 is open already');
      },
    });
    const { onChanged } = await renderActions({ api, status: 'closed' });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reopen' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Ticket t-1 is open already',
    );
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it.each(['open', 'closed'] as const)(
    'offers neither Close nor Reopen on a %s ticket without the reply permission',
    async status => {
      const permissionApi = permissionApiAllowing();
      const authorize = jest.spyOn(permissionApi, 'authorize');
      await renderWithApis(
        <TicketStatusActions
          ticket={ticket({ status })}
          onChanged={jest.fn()}
        />,
        { api: mockEmailsApi(), permissionApi },
      );
      await waitFor(() =>
        expect(authorize).toHaveBeenCalledWith(
          expect.objectContaining({ permission: emailsTicketReplyPermission }),
        ),
      );
      // The decision has arrived and rendered before looking for the buttons.
      await act(async () => {
        await authorize.mock.results[0].value;
      });
      expect(
        screen.queryByRole('button', { name: 'Close ticket' }),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Reopen' }),
      ).not.toBeInTheDocument();
    },
  );
});
