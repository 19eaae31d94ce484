import { emailsAuditReadPermission } from '@internal/plugin-emails-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockEmailsApi,
  outboundMessage,
  outgoingServer,
  renderWithApis,
  responseError,
} from '../__testUtils__';
import { emulateScreen } from '../__testUtils__/media';
import { OutgoingQueueTab } from './OutgoingQueueTab';

const failed = outboundMessage({
  id: 'ob-2',
  status: 'failed',
  subject: 'Re: [REQ-t-2] VPN down',
  to: ['rita@example.com'],
  attempts: 8,
  lastError: '550 5.1.1 rita@example.com: user unknown',
  sentAt: undefined,
});

describe('OutgoingQueueTab', () => {
  it('lists the queue with the failure and its error, and retries it', async () => {
    const api = mockEmailsApi({
      listOutgoingServers: async () => [],
      listOutbound: async () => ({ items: [outboundMessage(), failed] }),
    });
    await renderWithApis(<OutgoingQueueTab />, { api });
    const row = (await screen.findByText('Re: [REQ-t-2] VPN down')).closest(
      'tr',
    )!;
    expect(row).toHaveTextContent('Failed');
    expect(row).toHaveTextContent('550 5.1.1 rita@example.com: user unknown');
    expect(row).toHaveTextContent('8');
    const sent = screen
      .getByText('Re: [REQ-t-1] Printer on fire')
      .closest('tr')!;
    expect(sent).toHaveTextContent('Sent');
    // Only a failed message offers Retry.
    expect(screen.getAllByRole('button', { name: /^Retry/ })).toHaveLength(1);

    await userEvent.click(
      screen.getByRole('button', { name: 'Retry Re: [REQ-t-2] VPN down' }),
    );
    await waitFor(() => expect(api.retryOutbound).toHaveBeenCalledWith('ob-2'));
    expect(
      await screen.findByText('"Re: [REQ-t-2] VPN down" is queued again.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.listOutbound).toHaveBeenCalledTimes(2));
  });

  it('offers no Retry to those who may not manage servers', async () => {
    const api = mockEmailsApi({
      listOutgoingServers: async () => [],
      listOutbound: async () => ({ items: [failed] }),
    });
    await renderWithApis(<OutgoingQueueTab />, {
      api,
      allow: [emailsAuditReadPermission.name],
    });
    expect(
      await screen.findByText('Re: [REQ-t-2] VPN down'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Retry/ })).toBeNull();
  });

  it('filters by status and shows why a retry was refused', async () => {
    const api = mockEmailsApi({
      listOutgoingServers: async () => [],
      listOutbound: async () => ({ items: [failed] }),
      retryOutbound: async () => {
        throw responseError(
          409,
          'Outbound message ob-2 is queued; only failed messages can be retried',
        );
      },
    });
    await renderWithApis(<OutgoingQueueTab />, { api });
    await userEvent.selectOptions(
      await screen.findByLabelText('Status'),
      'failed',
    );
    await waitFor(() =>
      expect(api.listOutbound).toHaveBeenLastCalledWith({ status: 'failed' }),
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Retry Re: [REQ-t-2] VPN down',
      }),
    );
    expect(
      await screen.findByText(/only failed messages can be retried/),
    ).toBeInTheDocument();
  });

  it('shows which server sent each message and why it was picked', async () => {
    const api = mockEmailsApi({
      listOutgoingServers: async () => [
        outgoingServer({ primary: true }),
        outgoingServer({ id: 'out-eu', name: 'EU relay' }),
      ],
      listOutbound: async () => ({
        items: [
          outboundMessage({
            id: 'ob-eu',
            subject: 'Re: [REQ-t-3] Invoice',
            route: {
              serverId: 'out-eu',
              by: 'rule',
              ruleName: 'EU customers',
            },
            usedServerId: 'out-eu',
          }),
          outboundMessage(),
          outboundMessage({
            id: 'ob-fallback',
            subject: 'Re: [REQ-t-4] Login',
            route: {
              serverId: 'out-eu',
              by: 'rule',
              ruleName: 'EU customers',
            },
            usedServerId: 'out-1',
          }),
        ],
      }),
    });
    await renderWithApis(<OutgoingQueueTab />, { api });
    const row = (subject: string) => screen.getByText(subject).closest('tr')!;
    // Server names show once the servers are in; never their ids.
    await waitFor(() =>
      expect(row('Re: [REQ-t-3] Invoice')).toHaveTextContent(
        'EU relay · rule “EU customers”',
      ),
    );
    expect(row('Re: [REQ-t-1] Printer on fire')).toHaveTextContent(
      'Relay · mailbox link',
    );
    expect(row('Re: [REQ-t-4] Login')).toHaveTextContent(
      'Relay · primary fallback for EU relay (rule “EU customers”)',
    );
  });

  it('names a deleted server instead of showing its id', async () => {
    const api = mockEmailsApi({
      listOutgoingServers: async () => [],
      listOutbound: async () => ({
        items: [
          outboundMessage({ usedServerId: 'c0ffee-uuid', route: undefined }),
        ],
      }),
    });
    await renderWithApis(<OutgoingQueueTab />, { api });
    const row = (
      await screen.findByText('Re: [REQ-t-1] Printer on fire')
    ).closest('tr')!;
    await waitFor(() => expect(row).toHaveTextContent('a deleted server'));
    expect(row).not.toHaveTextContent('c0ffee-uuid');
  });

  describe('on a 1024 px screen', () => {
    let restore: () => void;
    beforeEach(() => {
      restore = emulateScreen(true);
    });
    afterEach(() => restore());

    it('drops attempts and server, and cuts long text whole on hover', async () => {
      const api = mockEmailsApi({
        listOutgoingServers: async () => [],
        listOutbound: async () => ({ items: [failed] }),
      });
      await renderWithApis(<OutgoingQueueTab />, { api });
      const subject = await screen.findByText('Re: [REQ-t-2] VPN down');
      await waitFor(() =>
        expect(
          screen.queryByRole('columnheader', { name: 'Attempts' }),
        ).toBeNull(),
      );
      expect(screen.queryByRole('columnheader', { name: 'Server' })).toBeNull();
      expect(
        screen.getByRole('columnheader', { name: 'Request' }),
      ).toBeInTheDocument();
      expect(subject).toHaveAttribute('title', 'Re: [REQ-t-2] VPN down');
      expect(subject).toHaveStyle({
        textOverflow: 'ellipsis',
        whiteSpace: 'nowrap',
      });
      expect(screen.getByText('rita@example.com')).toHaveAttribute(
        'title',
        'rita@example.com',
      );
    });
  });
});
