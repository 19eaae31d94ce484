import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  ServerActivity,
  ServerActivityHour,
} from '@internal/plugin-emails-common';
import { screen, within } from '@testing-library/react';
import { emailsApiRef } from '../../api';
import {
  incomingServer,
  mockEmailsApi,
  renderWithApis,
} from '../__testUtils__';
import { EntityEmailServerCard } from '../EntityEmailServerCard';
import { ServerCard } from '../ServerCard';
import { serverCardHandlers } from '../__testUtils__';
import { ServerActivityChart } from './ServerActivityChart';

const START = Date.parse('2026-12-06T16:00:00.000Z');

function activity(
  serverId: string,
  busy: Record<number, Partial<ServerActivityHour>> = {},
): ServerActivity {
  return {
    serverId,
    hours: Array.from({ length: 24 }, (_, i) => ({
      hour: new Date(START + i * 3600_000).toISOString(),
      processed: 0,
      ...busy[i],
    })),
  };
}

const BUSY = activity('in-1', {
  20: { processed: 2, latencyP50Ms: 1_500, latencyP95Ms: 2_000 },
  22: { processed: 3, latencyP50Ms: 4_000, latencyP95Ms: 90_000 },
  23: { processed: 1 },
});

describe('ServerActivityChart', () => {
  it('draws a bar per hour and the latency line, and sums the day up', async () => {
    const api = mockEmailsApi({ getServerActivity: async () => BUSY });
    await renderInTestApp(
      <TestApiProvider apis={[[emailsApiRef, api]]}>
        <ServerActivityChart serverId="in-1" />
      </TestApiProvider>,
    );
    const summary =
      '6 messages processed in 24 h; delivery to ticket p50 4 s, p95 1.5 min';
    const chart = await screen.findByRole('img', { name: summary });
    expect(api.getServerActivity).toHaveBeenCalledWith('in-1');
    const bars = within(chart as unknown as HTMLElement).getAllByTestId(
      'activity-bar',
    );
    expect(bars).toHaveLength(24);
    // The busiest hour fills the height; an idle one has no bar.
    expect(bars[22].getAttribute('height')).toBe('48');
    expect(bars[23].getAttribute('height')).toBe('16');
    expect(bars[0].getAttribute('height')).toBe('0');
    expect(bars[22]).toHaveTextContent(
      /3 processed, to ticket p50 4 s, p95 1\.5 min$/,
    );
    expect(screen.getByTestId('activity-latency')).toBeInTheDocument();
    expect(screen.getByText(summary)).toBeInTheDocument();
  });

  it('reloads when the server was synced again', async () => {
    let call = 0;
    const api = mockEmailsApi({
      getServerActivity: async id =>
        ++call === 1 ? activity(id) : activity(id, { 23: { processed: 1 } }),
    });
    const chart = (lastSyncAt: string) => (
      <TestApiProvider apis={[[emailsApiRef, api]]}>
        <ServerActivityChart serverId="in-1" lastSyncAt={lastSyncAt} />
      </TestApiProvider>
    );
    const { rerender } = await renderInTestApp(
      chart('2026-12-07T15:00:00.000Z'),
    );
    expect(
      await screen.findByText('0 messages processed in 24 h'),
    ).toBeInTheDocument();
    rerender(chart('2026-12-07T15:01:00.000Z'));
    expect(
      await screen.findByText('1 message processed in 24 h'),
    ).toBeInTheDocument();
    expect(api.getServerActivity).toHaveBeenCalledTimes(2);
  });

  it('says why when the activity cannot be read', async () => {
    const api = mockEmailsApi({
      getServerActivity: async () => {
        throw new Error('The emails backend is down');
      },
    });
    await renderInTestApp(
      <TestApiProvider apis={[[emailsApiRef, api]]}>
        <ServerActivityChart serverId="in-1" />
      </TestApiProvider>,
    );
    const said = await screen.findAllByText(/The emails backend is down/);
    expect(said.length).toBeGreaterThan(0);
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('is on the catalog entity card of an incoming server', async () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'mail-it-support',
        annotations: {
          'emails.backstage.io/server-id': 'in-1',
          'emails.backstage.io/direction': 'incoming',
        },
      },
      spec: { type: 'email-server', owner: 'group:default/it-support' },
    };
    const api = mockEmailsApi({
      getIncomingServer: async id => incomingServer({ id }),
      getServerActivity: async () => BUSY,
    });
    await renderWithApis(
      <EntityProvider entity={entity}>
        <EntityEmailServerCard />
      </EntityProvider>,
      { api },
    );
    expect(
      await screen.findByRole('img', { name: /^6 messages processed in 24 h/ }),
    ).toBeInTheDocument();
    expect(api.getServerActivity).toHaveBeenCalledWith('in-1');
  });

  it('is on the card of an incoming server, not of an outgoing one', async () => {
    const api = mockEmailsApi({ getServerActivity: async () => BUSY });
    const card = (direction: 'incoming' | 'outgoing') => (
      <TestApiProvider apis={[[emailsApiRef, api]]}>
        <ServerCard
          server={incomingServer({ id: `${direction}-1` })}
          direction={direction}
          canManage={false}
          {...serverCardHandlers()}
        />
      </TestApiProvider>
    );
    const { rerender } = await renderInTestApp(card('incoming'));
    expect(
      await screen.findByRole('img', { name: /^6 messages processed/ }),
    ).toBeInTheDocument();
    rerender(card('outgoing'));
    expect(screen.queryByRole('img', { name: /processed/ })).toBeNull();
    expect(api.getServerActivity).toHaveBeenCalledTimes(1);
    expect(api.getServerActivity).toHaveBeenCalledWith('incoming-1');
  });
});
