import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockEmailsApi,
  outboundMessage,
  renderWithApis,
  responseError,
} from '../__testUtils__';
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
});
