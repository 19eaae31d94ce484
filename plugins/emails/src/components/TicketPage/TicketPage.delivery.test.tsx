import { TicketDetail } from '@internal/plugin-emails-common';
import { act, screen, within } from '@testing-library/react';
import {
  mockEmailsApi,
  renderWithApis,
  ticketDetail,
  ticketEntry,
  ticketMail,
} from '../__testUtils__';
import { TicketPage } from './TicketPage';
import { DELIVERY_POLL_LIMIT_MS, DELIVERY_POLL_MS } from './useTicket';

/** The technician's reply that the mail of the tests belongs to. */
const reply = ticketEntry({
  id: 'e-2',
  kind: 'reply',
  author: { email: 'tech@example.com', name: 'Tech' },
  text: 'On it.',
  createdAt: '2024-05-01T11:00:00Z',
});

async function renderTicket(overrides: Partial<TicketDetail>) {
  const api = mockEmailsApi({
    getTicket: async id =>
      ticketDetail({ id, entries: [ticketEntry(), reply], ...overrides }),
  });
  await renderWithApis(<TicketPage ticketId="t-1" />, { api });
  await screen.findByRole('heading', { name: 'REQ-12: Printer on fire' });
}

/** The delivery line(s) under the reply. */
function replyDelivery() {
  const article = screen.getByRole('article', { name: 'Reply by Tech' });
  return within(article).getByRole('list', { name: 'Email delivery' });
}

const at = (iso: string) => new Date(iso).toLocaleString();

describe('TicketPage email delivery', () => {
  it('shows under its entry that a reply was sent, to whom and when', async () => {
    await renderTicket({ mail: [ticketMail({ cc: ['boss@example.com'] })] });
    const delivery = replyDelivery();
    expect(within(delivery).getByText('Sent')).toBeInTheDocument();
    expect(delivery).toHaveTextContent(
      'to rita@example.com (cc boss@example.com)',
    );
    expect(delivery).toHaveTextContent(`sent ${at('2024-05-01T11:00:05Z')}`);
    expect(delivery.querySelector('time')).toHaveAttribute(
      'datetime',
      '2024-05-01T11:00:05Z',
    );
    expect(delivery).not.toHaveTextContent(/Remark|Failed|Waiting/);
    const description = screen.getByRole('article', {
      name: 'Description by Jane Doe',
    });
    expect(
      within(description).queryByRole('list', { name: 'Email delivery' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Notifications' }),
    ).not.toBeInTheDocument();
  });

  it("passes on the server's remark about a sent reply", async () => {
    await renderTicket({
      mail: [
        ticketMail({
          to: ['rita@example.com', 'sam@example.com'],
          lastError: 'Refused: sam@example.com (550 no such user)',
        }),
      ],
    });
    const delivery = replyDelivery();
    expect(within(delivery).getByText('Sent')).toBeInTheDocument();
    expect(delivery).toHaveTextContent(
      'Remark: Refused: sam@example.com (550 no such user)',
    );
  });

  it('shows why a reply failed', async () => {
    await renderTicket({
      mail: [
        ticketMail({
          status: 'failed',
          attempts: 5,
          sentAt: undefined,
          lastError: '550 5.1.1 rita@example.com: mailbox unavailable',
        }),
      ],
    });
    const delivery = replyDelivery();
    expect(within(delivery).getByText('Failed')).toBeInTheDocument();
    expect(
      within(delivery).getByText(
        'Failed: 550 5.1.1 rita@example.com: mailbox unavailable',
      ),
    ).toBeInTheDocument();
    expect(delivery).toHaveTextContent('to rita@example.com');
    expect(delivery).not.toHaveTextContent(/sent /);
  });

  it('shows why a reply already tried is still waiting', async () => {
    await renderTicket({
      mail: [
        ticketMail({
          status: 'queued',
          attempts: 2,
          sentAt: undefined,
          lastError: 'connect ETIMEDOUT smtp.example.com:587',
        }),
      ],
    });
    const delivery = replyDelivery();
    expect(within(delivery).getByText('Queued')).toBeInTheDocument();
    expect(delivery).toHaveTextContent(
      'Waiting: connect ETIMEDOUT smtp.example.com:587',
    );
  });

  it('lists the notifications in the details with their kind, status, recipient, time and error', async () => {
    await renderTicket({
      mail: [
        ticketMail({
          id: 'ob-1',
          kind: 'acknowledgement',
          entryId: undefined,
          createdAt: '2024-05-01T10:00:01Z',
          sentAt: '2024-05-01T10:00:03Z',
        }),
        ticketMail({ id: 'ob-2' }),
        ticketMail({
          id: 'ob-3',
          kind: 'closed',
          entryId: undefined,
          status: 'failed',
          sentAt: undefined,
          createdAt: '2024-05-02T09:00:00Z',
          lastError: '554 rejected as spam',
        }),
        ticketMail({
          id: 'ob-4',
          kind: 'other',
          entryId: undefined,
          status: 'queued',
          attempts: 0,
          sentAt: undefined,
          createdAt: '2024-05-02T09:30:00Z',
        }),
      ],
    });
    const details = screen.getByRole('region', { name: 'Details' });
    const notifications = within(details).getByRole('region', {
      name: 'Notifications',
    });
    const items = within(notifications).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    const [ack, closed, other] = items;
    expect(ack).toHaveTextContent('Acknowledgement');
    expect(within(ack).getByText('Sent')).toBeInTheDocument();
    expect(ack).toHaveTextContent('to rita@example.com');
    expect(ack).toHaveTextContent(`sent ${at('2024-05-01T10:00:03Z')}`);
    expect(closed).toHaveTextContent('Closed notification');
    expect(within(closed).getByText('Failed')).toBeInTheDocument();
    expect(closed).toHaveTextContent(`queued ${at('2024-05-02T09:00:00Z')}`);
    expect(closed).toHaveTextContent('Failed: 554 rejected as spam');
    expect(other).toHaveTextContent('Other mail');
    expect(within(other).getByText('Queued')).toBeInTheDocument();
    expect(other).not.toHaveTextContent(/Waiting|Failed:/);
    // The reply is under its entry, not among the notifications.
    expect(within(replyDelivery()).getAllByRole('listitem')).toHaveLength(1);
  });

  it('shows no delivery and no notifications when nothing was mailed', async () => {
    await renderTicket({ mail: [] });
    expect(
      screen.queryByRole('list', { name: 'Email delivery' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Notifications' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('Notifications')).not.toBeInTheDocument();
    expect(
      screen.queryByText(/^(Sent|Queued|Failed)$/),
    ).not.toBeInTheDocument();
  });

  describe('while a reply is on its way', () => {
    beforeEach(() =>
      jest.useFakeTimers({ now: Date.parse('2024-05-01T11:00:01Z') }),
    );
    afterEach(() => jest.useRealTimers());

    async function renderSequence(...mail: TicketDetail['mail'][]) {
      const api = mockEmailsApi({
        getTicket: jest.fn(async (id: string) =>
          ticketDetail({
            id,
            entries: [ticketEntry(), reply],
            mail: mail.shift() ?? [
              ticketMail({ status: 'queued', sentAt: undefined }),
            ],
          }),
        ),
      });
      await renderWithApis(<TicketPage ticketId="t-1" />, { api });
      await screen.findByRole('heading', { name: 'REQ-12: Printer on fire' });
      return api;
    }

    const tick = (ms: number) =>
      act(async () => {
        await jest.advanceTimersByTimeAsync(ms);
      });

    it('turns Queued into Sent without a reload, then stops reading', async () => {
      const queued = [ticketMail({ status: 'queued', sentAt: undefined })];
      const api = await renderSequence(queued, queued, [ticketMail()]);
      expect(within(replyDelivery()).getByText('Queued')).toBeInTheDocument();
      await tick(DELIVERY_POLL_MS);
      await tick(DELIVERY_POLL_MS);
      expect(
        await within(replyDelivery()).findByText('Sent'),
      ).toBeInTheDocument();
      const reads = (api.getTicket as jest.Mock).mock.calls.length;
      expect(reads).toBe(3);
      await tick(DELIVERY_POLL_MS * 5);
      expect(api.getTicket).toHaveBeenCalledTimes(reads);
    });

    it('gives up after two minutes of Queued', async () => {
      const api = await renderSequence();
      // One poll at a time: each read schedules the next once it has rendered.
      for (let i = 0; i < DELIVERY_POLL_LIMIT_MS / DELIVERY_POLL_MS + 5; i++) {
        await tick(DELIVERY_POLL_MS);
      }
      const reads = (api.getTicket as jest.Mock).mock.calls.length;
      expect(reads).toBeGreaterThan(10);
      expect(reads).toBeLessThanOrEqual(
        DELIVERY_POLL_LIMIT_MS / DELIVERY_POLL_MS + 2,
      );
      await tick(DELIVERY_POLL_MS * 10);
      expect(api.getTicket).toHaveBeenCalledTimes(reads);
    });
  });
});
