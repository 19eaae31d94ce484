import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { HealthSummary } from './HealthSummary';

const health = {
  status: 'reachable' as const,
  inboundQueue: 7,
  consecutiveFailures: 0,
};

describe('HealthSummary', () => {
  it('splits the Inbound Queue into mail on the server and in the pipeline', async () => {
    await renderInTestApp(
      <HealthSummary health={{ ...health, waitingOnServer: 5 }} />,
    );
    expect(screen.getByText(/^Inbound Queue/).parentElement).toHaveTextContent(
      'Inbound Queue: 7 (5 waiting on the mail server, 2 in the pipeline)',
    );
  });

  it('shows the bare count while the server does not report what waits on it', async () => {
    await renderInTestApp(<HealthSummary health={health} />);
    expect(screen.getByText(/^Inbound Queue/).parentElement).toHaveTextContent(
      /^Inbound Queue: 7$/,
    );
    expect(screen.queryByText(/waiting on the mail server/)).toBeNull();
  });

  it('never shows a negative pipeline when the counts were taken apart', async () => {
    await renderInTestApp(
      <HealthSummary health={{ ...health, waitingOnServer: 9 }} />,
    );
    expect(
      screen.getByText(/9 waiting on the mail server, 0 in the pipeline/),
    ).toBeInTheDocument();
  });

  it('has no Inbound Queue on an outgoing server', async () => {
    await renderInTestApp(
      <HealthSummary
        health={{ ...health, waitingOnServer: 1 }}
        direction="outgoing"
      />,
    );
    expect(screen.queryByText(/Inbound Queue/)).toBeNull();
  });
});
