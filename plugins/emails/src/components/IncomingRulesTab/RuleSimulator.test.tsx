import { RuleSimulation } from '@internal/plugin-emails-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  incomingServer,
  mockEmailsApi,
  renderWithApis,
  responseError,
} from '../__testUtils__';
import { RuleSimulator } from './RuleSimulator';

const EML = 'From: jane@example.com\r\nSubject: VPN down\r\n\r\nHelp';

const simulation: RuleSimulation = {
  serverId: 'in-eu',
  trace: [
    {
      step: 'parse',
      at: '2024-05-01T10:00:00Z',
      decision: 'parsed',
      detail: { messageId: '<a@example.com>', hasAttachments: false },
    },
    {
      step: 'authenticate',
      at: '2024-05-01T10:00:00Z',
      decision: 'verified',
      detail: { senderDomain: 'example.com', results: { spf: 'pass' } },
    },
    { step: 'rules', at: '2024-05-01T10:00:00Z', decision: '1 of 2 matched' },
  ],
  rules: [
    {
      ruleId: 'rule-net',
      ruleName: 'Network mail',
      status: 'matched',
      conditions: [
        {
          holds: true,
          explanation: "subject contains 'VPN': matched 'VPN down'",
        },
      ],
      applied: ["set category to 'Network'"],
    },
    {
      ruleId: 'rule-vip',
      ruleName: 'VIP',
      status: 'skipped',
      reason: 'disabled',
      conditions: [],
    },
  ],
  outcome: {
    status: 'ticketed',
    ticket: {
      action: 'create',
      subject: 'VPN down',
      requester: 'jane@example.com',
      category: 'Network',
      cc: ['noc@example.com'],
      fields: {},
    },
    acknowledgement: { sent: true, to: 'jane@example.com' },
  },
};

// jsdom's Blob has no text(); FileReader reads it as a browser would.
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

async function renderSimulator(api: ReturnType<typeof mockEmailsApi>) {
  await renderWithApis(
    <RuleSimulator
      incoming={[
        incomingServer(),
        incomingServer({ id: 'in-eu', name: 'EU', email: 'eu@example.eu' }),
      ]}
      dirty={false}
    />,
    { api },
  );
  return screen.getByRole('region', { name: 'Rule simulator' });
}

describe('RuleSimulator', () => {
  it('simulates a dropped .eml at the chosen mailbox and shows the trace in words', async () => {
    const api = mockEmailsApi({ simulateRules: async () => simulation });
    await renderSimulator(api);
    const file = new File([EML], 'vpn.eml', { type: 'message/rfc822' });
    fireEvent.drop(screen.getByTestId('eml-drop-zone'), {
      dataTransfer: { files: [file] },
    });
    expect(screen.getByText('Message: vpn.eml')).toBeInTheDocument();
    await userEvent.selectOptions(
      screen.getByLabelText('Mailbox (incoming server)'),
      'in-eu',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Simulate' }));

    await waitFor(() => expect(api.simulateRules).toHaveBeenCalled());
    const [input] = api.simulateRules.mock.calls[0];
    expect(input.serverId).toBe('in-eu');
    expect(await readText((input as { file: Blob }).file)).toBe(EML);

    const result = await screen.findByRole('region', {
      name: 'Simulation result',
    });
    expect(result).toHaveTextContent('A new ticket would be opened');
    expect(result).toHaveTextContent('Category: Network');
    expect(result).toHaveTextContent('CC: noc@example.com');
    expect(result).toHaveTextContent(
      'Acknowledgement: sent to jane@example.com',
    );
    const verdicts = within(result).getByRole('list', {
      name: 'Rule verdicts',
    });
    expect(
      within(verdicts).getByRole('listitem', { name: 'Network mail: Matched' }),
    ).toHaveTextContent("✓ subject contains 'VPN': matched 'VPN down'");
    expect(
      within(verdicts).getByRole('listitem', { name: 'VIP: Skipped' }),
    ).toHaveTextContent('disabled');
    const steps = within(result).getByRole('list', {
      name: 'Decision trace steps',
    });
    expect(steps).toHaveTextContent('Parsed: parsed');
    expect(steps).toHaveTextContent('Message ID: <a@example.com>');
    expect(steps).toHaveTextContent('Has attachments: no');
    expect(steps).toHaveTextContent('Sender authentication: verified');
    expect(steps).toHaveTextContent('Sender domain: example.com');
    expect(steps).toHaveTextContent('SPF: pass');
    // Keys in words, never the JSON behind them.
    expect(steps).not.toHaveTextContent(/senderDomain|messageId|[{}]/);
  });

  it('simulates pasted text with no mailbox chosen', async () => {
    const api = mockEmailsApi({ simulateRules: async () => simulation });
    await renderSimulator(api);
    const simulate = screen.getByRole('button', { name: 'Simulate' });
    expect(simulate).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Or paste the message source'), {
      target: { value: EML },
    });
    await userEvent.click(simulate);
    await waitFor(() =>
      expect(api.simulateRules).toHaveBeenCalledWith({
        raw: EML,
        serverId: undefined,
      }),
    );
  });

  it('picks a file with the file picker', async () => {
    const api = mockEmailsApi({ simulateRules: async () => simulation });
    await renderSimulator(api);
    const file = new File([EML], 'picked.eml', { type: 'message/rfc822' });
    await userEvent.upload(screen.getByLabelText('Message file'), file);
    await userEvent.click(screen.getByRole('button', { name: 'Simulate' }));
    await waitFor(() => expect(api.simulateRules).toHaveBeenCalled());
    expect(api.simulateRules.mock.calls[0][0]).toEqual({
      file,
      serverId: undefined,
    });
  });

  it.each([404, 501])(
    'says the simulator is not available when the backend answers %i',
    async status => {
      const api = mockEmailsApi({
        simulateRules: async () => {
          throw responseError(status, 'Not found');
        },
      });
      await renderSimulator(api);
      fireEvent.change(screen.getByLabelText('Or paste the message source'), {
        target: { value: EML },
      });
      await userEvent.click(screen.getByRole('button', { name: 'Simulate' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'The rule simulator is not available on this emails backend yet',
      );
    },
  );

  it('shows why the backend refused the message', async () => {
    const api = mockEmailsApi({
      simulateRules: async () => {
        throw responseError(400, 'The message has no header section');
      },
    });
    await renderSimulator(api);
    fireEvent.change(screen.getByLabelText('Or paste the message source'), {
      target: { value: 'garbage' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Simulate' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The message could not be simulated: The message has no header section',
    );
    expect(
      screen.queryByRole('region', { name: 'Simulation result' }),
    ).not.toBeInTheDocument();
  });
});
