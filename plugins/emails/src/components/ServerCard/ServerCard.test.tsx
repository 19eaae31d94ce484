import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { emailsApiRef } from '../../api';
import {
  incomingServer,
  mockEmailsApi,
  outgoingServer,
  serverCardHandlers as handlers,
} from '../__testUtils__';
import { MailServer } from '../ServerDrawer';
import { ServerCard } from './ServerCard';

async function renderCard(
  server: MailServer,
  canManage: boolean,
  direction: 'incoming' | 'outgoing' = 'incoming',
) {
  const h = handlers();
  await renderInTestApp(
    <TestApiProvider apis={[[emailsApiRef, mockEmailsApi()]]}>
      <ServerCard
        server={server}
        direction={direction}
        canManage={canManage}
        {...h}
      />
    </TestApiProvider>,
  );
  return { card: screen.getByRole('article', { name: server.name }), h };
}

describe('ServerCard', () => {
  it('shows the settings, the Primary badge and the health of a reachable server', async () => {
    const { card } = await renderCard(incomingServer(), false);
    expect(within(card).getByText('IMAP')).toBeInTheDocument();
    expect(within(card).getByText('Other')).toBeInTheDocument();
    expect(within(card).getByText('Enabled')).toBeInTheDocument();
    expect(within(card).getByText('Primary')).toBeInTheDocument();
    expect(within(card).getByTestId('health-status')).toHaveTextContent(
      'Reachable',
    );
    expect(card).toHaveTextContent('Inbound Queue: 3');
    expect(card).toHaveTextContent('Consecutive failures: 0');
    expect(within(card).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the last error inline when the server is unreachable', async () => {
    const server = incomingServer({
      primary: false,
      enabled: false,
      health: {
        status: 'unreachable',
        inboundQueue: 0,
        consecutiveFailures: 4,
        lastError: 'connect ECONNREFUSED 10.0.0.5:993',
      },
    });
    const { card } = await renderCard(server, false);
    expect(within(card).getByTestId('health-status')).toHaveTextContent(
      'Unreachable',
    );
    expect(within(card).getByRole('alert')).toHaveTextContent(
      'connect ECONNREFUSED 10.0.0.5:993',
    );
    expect(card).toHaveTextContent('Consecutive failures: 4');
    expect(within(card).getByText('Disabled')).toBeInTheDocument();
    expect(within(card).queryByText('Primary')).not.toBeInTheDocument();
  });

  it.each([
    ['paused', 'Paused'],
    ['auth-expired', 'Auth expired'],
    ['disabled', 'Disabled'],
    ['unknown', 'Unknown'],
  ] as const)('labels the %s status "%s"', async (status, label) => {
    const server = incomingServer({
      health: { status, inboundQueue: 0, consecutiveFailures: 0 },
    });
    const { card } = await renderCard(server, false);
    expect(within(card).getByTestId('health-status')).toHaveTextContent(label);
  });

  it('has no actions at all for users who may not manage servers', async () => {
    const { card } = await renderCard(incomingServer(), false);
    expect(within(card).queryByRole('button')).not.toBeInTheDocument();
    expect(within(card).queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('offers the manage actions, with Fetch a sample mail and Sync now for IMAP', async () => {
    const { card, h } = await renderCard(incomingServer(), true);
    within(card).getByRole('button', { name: 'Test Connection' }).click();
    within(card).getByRole('button', { name: 'Fetch a sample mail' }).click();
    within(card).getByRole('button', { name: 'Sync now' }).click();
    within(card).getByRole('button', { name: 'Edit IT Support' }).click();
    within(card).getByRole('button', { name: 'Delete IT Support' }).click();
    within(card).getByRole('checkbox', { name: 'Enable IT Support' }).click();
    const { onResume, onSignedIn, ...used } = h;
    for (const fn of Object.values(used)) expect(fn).toHaveBeenCalledTimes(1);
    expect(onResume).not.toHaveBeenCalled();
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(h.onSync).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'in-1' }),
    );
  });

  it('offers no sample for outgoing servers', async () => {
    const { card } = await renderCard(outgoingServer(), true, 'outgoing');
    expect(
      within(card).getByRole('button', { name: 'Test Connection' }),
    ).toBeInTheDocument();
    expect(
      within(card).queryByRole('button', { name: 'Fetch a sample mail' }),
    ).not.toBeInTheDocument();
    expect(card).not.toHaveTextContent('Inbound Queue');
  });

  it.each([
    ['users who may not manage servers', incomingServer(), false],
    ['SMTP push mailboxes', incomingServer({ protocol: 'smtp-push' }), true],
    ['disabled servers', incomingServer({ enabled: false }), true],
  ])('hides Sync now from %s', async (_case, server, canManage) => {
    const { card } = await renderCard(server, canManage);
    expect(
      within(card).queryByRole('button', { name: 'Sync now' }),
    ).not.toBeInTheDocument();
  });

  it('offers no Test Connection for SMTP push mailboxes, which have no server to reach', async () => {
    const { card } = await renderCard(
      incomingServer({ protocol: 'smtp-push' }),
      true,
    );
    expect(
      within(card).queryByRole('button', { name: 'Test Connection' }),
    ).not.toBeInTheDocument();
    expect(
      within(card).getByRole('button', { name: 'Edit IT Support' }),
    ).toBeInTheDocument();
  });

  it.each(['pop3', 'ews', 'graph'] as const)(
    'offers Sync now and Test Connection for %s servers, and a sample only for POP3',
    async protocol => {
      const { card } = await renderCard(incomingServer({ protocol }), true);
      expect(
        within(card).getByRole('button', { name: 'Sync now' }),
      ).toBeInTheDocument();
      expect(
        within(card).getByRole('button', { name: 'Test Connection' }),
      ).toBeInTheDocument();
      expect(
        within(card).queryByRole('button', { name: 'Fetch a sample mail' }) !==
          null,
      ).toBe(protocol === 'pop3');
    },
  );

  it('shows the progress of an import of existing mail while it runs', async () => {
    const { card } = await renderCard(
      incomingServer({ importProgress: { done: 40, total: 120 } }),
      false,
    );
    expect(card).toHaveTextContent('Importing existing mail: 40 / 120');
    expect(within(card).getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '33',
    );
  });

  it('says nothing about an import that has finished', async () => {
    const { card } = await renderCard(
      incomingServer({ importProgress: { done: 120, total: 120 } }),
      false,
    );
    expect(card).not.toHaveTextContent('Importing existing mail');
  });

  const paused = () =>
    incomingServer({
      health: { status: 'paused', inboundQueue: 0, consecutiveFailures: 5 },
      pausedReason: '5 messages in a row failed: invalid MIME structure',
    });

  it('shows why a paused server is paused, and Resume to managers', async () => {
    const { card, h } = await renderCard(paused(), true);
    expect(card).toHaveTextContent(
      '5 messages in a row failed: invalid MIME structure',
    );
    within(card).getByRole('button', { name: 'Resume' }).click();
    expect(h.onResume).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'in-1' }),
    );
  });

  it('hides Resume from users who may not manage servers', async () => {
    const { card } = await renderCard(paused(), false);
    expect(card).toHaveTextContent('invalid MIME structure');
    expect(
      within(card).queryByRole('button', { name: 'Resume' }),
    ).not.toBeInTheDocument();
  });
});
