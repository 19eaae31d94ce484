import {
  ConnectionStage,
  ConnectionTestResult,
} from '@internal/plugin-emails-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockEmailsApi, renderWithApis } from '../__testUtils__';
import { TestConnectionDialog } from './TestConnectionDialog';

function stageRow(stage: string) {
  return screen.getByTestId(`stage-${stage}`);
}

/** A testServer whose stages the test reports one by one. */
function controlledTest() {
  let report: (stage: ConnectionStage) => void = () => {};
  let finish: (result: ConnectionTestResult) => void = () => {};
  const testServer = jest.fn(
    (
      _d: unknown,
      _id: string,
      options?: { onStage?: (s: ConnectionStage) => void },
    ) =>
      new Promise<ConnectionTestResult>(resolve => {
        report = s => options?.onStage?.(s);
        finish = resolve;
      }),
  );
  return {
    testServer,
    report: (s: ConnectionStage) => act(() => report(s)),
    finish: (r: ConnectionTestResult) => act(async () => finish(r)),
  };
}

describe('TestConnectionDialog', () => {
  it('shows each stage as the backend reports it, with the hint of a failure', async () => {
    const test = controlledTest();
    const api = mockEmailsApi({ testServer: test.testServer });
    await renderWithApis(
      <TestConnectionDialog
        direction="incoming"
        server={{ id: 'in-1', name: 'IT Support' }}
        onClose={jest.fn()}
      />,
      { api },
    );
    for (const stage of ['dns', 'tcp', 'tls', 'auth', 'protocol']) {
      expect(stageRow(stage)).toBeInTheDocument();
    }
    expect(within(stageRow('dns')).getByText('DNS')).toBeInTheDocument();
    expect(within(stageRow('dns')).getByText('running')).toBeInTheDocument();
    expect(within(stageRow('tcp')).getByText('pending')).toBeInTheDocument();

    test.report({
      stage: 'dns',
      ok: true,
      ms: 12,
      message: 'imap.example.com is 10.0.0.5',
    });
    expect(within(stageRow('dns')).getByText('passed')).toBeInTheDocument();
    expect(stageRow('dns')).toHaveTextContent('12 ms');
    expect(stageRow('dns')).toHaveTextContent('imap.example.com is 10.0.0.5');
    expect(within(stageRow('tcp')).getByText('running')).toBeInTheDocument();

    test.report({ stage: 'tcp', ok: true, ms: 30, message: 'connected' });
    test.report({
      stage: 'tls',
      ok: false,
      ms: 40,
      message: 'certificate has expired',
      hint: 'Check the SSL/TLS certificate or the Security Type',
    });
    expect(within(stageRow('tls')).getByText('failed')).toBeInTheDocument();
    expect(stageRow('tls')).toHaveTextContent(
      'Check the SSL/TLS certificate or the Security Type',
    );

    await test.finish({ ok: false, stages: [] });
    expect(within(stageRow('auth')).getByText('skipped')).toBeInTheDocument();
    expect(
      within(stageRow('protocol')).getByText('skipped'),
    ).toBeInTheDocument();
    expect(screen.getByText(/could not be established/)).toBeInTheDocument();
  });

  it('passes the test mail address of an outgoing server', async () => {
    const api = mockEmailsApi({
      testServer: jest.fn(async () => ({
        ok: true,
        stages: [
          { stage: 'dns', ok: true, ms: 1, message: 'ok' },
          { stage: 'tcp', ok: true, ms: 1, message: 'ok' },
          { stage: 'tls', ok: true, ms: 1, message: 'ok' },
          { stage: 'auth', ok: true, ms: 1, message: 'ok' },
          { stage: 'protocol', ok: true, ms: 1, message: 'ok' },
        ],
        sentMessageId: '<test-1@example.com>',
      })) as any,
    });
    await renderWithApis(
      <TestConnectionDialog
        direction="outgoing"
        server={{ id: 'out-1', name: 'Relay' }}
        onClose={jest.fn()}
      />,
      { api },
    );
    await waitFor(() =>
      expect(
        within(stageRow('protocol')).getByText('passed'),
      ).toBeInTheDocument(),
    );
    await userEvent.type(
      screen.getByLabelText('Send test mail to'),
      'me@example.com',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Test and send' }),
    );
    await waitFor(() =>
      expect(api.testServer).toHaveBeenLastCalledWith(
        'outgoing',
        'out-1',
        expect.objectContaining({ to: 'me@example.com' }),
      ),
    );
    expect(await screen.findByText(/Test mail sent/)).toBeInTheDocument();
  });

  it('shows an error the test could not even start with', async () => {
    const api = mockEmailsApi({
      testServer: jest.fn(async () => {
        throw new Error('Missing permission emails.server.manage');
      }),
    });
    await renderWithApis(
      <TestConnectionDialog
        direction="incoming"
        server={{ id: 'in-1', name: 'IT Support' }}
        onClose={jest.fn()}
      />,
      { api },
    );
    expect(
      await screen.findByText('Missing permission emails.server.manage'),
    ).toBeInTheDocument();
  });
});
