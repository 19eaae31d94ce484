import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  incomingServer,
  mockEmailsApi,
  outgoingRule,
  outgoingServer,
  renderWithApis,
  responseError,
} from '../__testUtils__';
import { OutgoingRulesDialog } from './OutgoingRulesDialog';

const servers = {
  listOutgoingServers: async () => [
    outgoingServer({ primary: true }),
    outgoingServer({ id: 'out-eu', name: 'EU relay', email: 'eu@example.com' }),
  ],
  listIncomingServers: async () => [
    incomingServer(),
    incomingServer({ id: 'in-eu', name: 'EU Support', email: 'eu@example.eu' }),
  ],
};

function apiWith(overrides: Parameters<typeof mockEmailsApi>[0] = {}) {
  return mockEmailsApi({
    ...servers,
    getOutgoingRules: async () => ({ rules: [outgoingRule()], version: 3 }),
    ...overrides,
  });
}

const rule = (position: number) =>
  screen.getByRole('region', { name: `Rule ${position}` });
const condition = (ruleRegion: HTMLElement, position: number) =>
  within(ruleRegion).getByRole('group', { name: `Condition ${position}` });

async function renderDialog(api: ReturnType<typeof apiWith>) {
  const onClose = jest.fn();
  await renderWithApis(<OutgoingRulesDialog onClose={onClose} />, { api });
  await screen.findByRole('region', { name: 'Rule 1' });
  return onClose;
}

describe('OutgoingRulesDialog', () => {
  it('shows the saved rules with their servers and conditions', async () => {
    const api = apiWith();
    await renderDialog(api);
    const first = rule(1);
    expect(within(first).getByLabelText('Rule Name')).toHaveValue(
      'EU customers',
    );
    expect(
      within(first).getByRole('checkbox', { name: 'Enabled' }),
    ).toBeChecked();
    const server = within(first).getByLabelText(
      'Outgoing Email Server',
    ) as HTMLSelectElement;
    expect(server.selectedOptions[0]).toHaveTextContent(
      'EU relay (eu@example.com)',
    );
    const cond = condition(first, 1);
    expect(within(cond).getByLabelText('Field')).toHaveValue('requesterDomain');
    expect(within(cond).getByLabelText('Operator')).toHaveValue('is');
    expect(
      within(cond).getByRole('button', { name: 'example.eu' }),
    ).toBeInTheDocument();
  });

  it('adds a rule with a condition and a server, and saves the whole list with the version', async () => {
    const api = apiWith();
    const onClose = await renderDialog(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Add Outgoing Email Rule' }),
    );
    const added = rule(2);
    await userEvent.type(
      within(added).getByLabelText('Rule Name'),
      'Network team',
    );
    await userEvent.selectOptions(
      within(added).getByLabelText('Outgoing Email Server'),
      'out-1',
    );
    await userEvent.selectOptions(within(added).getByLabelText('Match'), 'any');
    const cond = condition(added, 1);
    await userEvent.selectOptions(
      within(cond).getByLabelText('Field'),
      'subject',
    );
    await userEvent.selectOptions(
      within(cond).getByLabelText('Operator'),
      'contains',
    );
    // Enter adds a value; leaving the field adds the one still typed.
    await userEvent.type(
      within(cond).getByLabelText('Values'),
      'VPN, urgent{Enter}',
    );
    await userEvent.type(within(cond).getByLabelText('Values'), 'network');
    await userEvent.click(
      within(added).getByRole('checkbox', { name: /Stop processing/ }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Move rule 2 up' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Update' }));

    await waitFor(() => expect(api.saveOutgoingRules).toHaveBeenCalled());
    expect(api.saveOutgoingRules.mock.calls[0][0]).toEqual({
      version: 3,
      rules: [
        {
          name: 'Network team',
          enabled: true,
          match: 'any',
          conditions: [
            {
              field: 'subject',
              operator: 'contains',
              values: ['VPN, urgent', 'network'],
            },
          ],
          actions: [{ type: 'useOutgoingServer', serverId: 'out-1' }],
          stopProcessing: true,
        },
        outgoingRule(),
      ],
    });
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('picks mailboxes by incoming server name and deletes rules', async () => {
    const api = apiWith({
      getOutgoingRules: async () => ({
        rules: [
          outgoingRule({ id: 'old', name: 'Old' }),
          outgoingRule({
            conditions: [
              { field: 'mailbox', operator: 'is', values: ['EU@example.eu'] },
            ],
          }),
        ],
        version: 7,
      }),
    });
    await renderDialog(api);
    const second = rule(2);
    // A mailbox saved by its address shows by its name.
    expect(
      within(second).getByRole('button', { name: 'EU Support' }),
    ).toBeInTheDocument();
    await userEvent.click(within(second).getByLabelText('Mailboxes'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'IT Support' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Delete rule 1' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Update' }));

    await waitFor(() => expect(api.saveOutgoingRules).toHaveBeenCalled());
    const body = api.saveOutgoingRules.mock.calls[0][0];
    expect(body.version).toBe(7);
    expect(body.rules).toHaveLength(1);
    expect(body.rules[0].id).toBe('rule-eu');
    expect(body.rules[0].conditions).toEqual([
      { field: 'mailbox', operator: 'is', values: ['EU@example.eu', 'in-1'] },
    ]);
  });

  it('shows the API field errors next to their inputs and lists them on top', async () => {
    const api = apiWith({
      getOutgoingRules: async () => ({
        rules: [
          outgoingRule(),
          outgoingRule({
            id: 'r2',
            name: 'Gone relay',
            actions: [{ type: 'useOutgoingServer', serverId: 'out-gone' }],
          }),
        ],
        version: 3,
      }),
      saveOutgoingRules: jest
        .fn()
        .mockRejectedValueOnce(
          responseError(
            400,
            'Invalid outgoing email rules: rules.1.actions.0.serverId is not a configured outgoing server (out-gone); rules.0.conditions.0.values.0 must not be a free mail domain',
          ),
        ),
    });
    await renderDialog(api);
    await userEvent.click(screen.getByRole('button', { name: 'Update' }));

    const server = within(rule(2)).getByLabelText('Outgoing Email Server');
    await waitFor(() => expect(server).toHaveAttribute('aria-invalid', 'true'));
    expect(
      within(rule(2)).getByText(
        'Outgoing Email Server is not a configured outgoing server (out-gone)',
      ),
    ).toBeInTheDocument();
    expect(
      within(condition(rule(1), 1)).getByText(
        'Values (entry 1) must not be a free mail domain',
      ),
    ).toBeInTheDocument();
    expect(
      within(rule(1)).getByLabelText('Outgoing Email Server'),
    ).toHaveAttribute('aria-invalid', 'false');
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The outgoing email rules were not saved');
    expect(alert).toHaveTextContent(
      'Rule 2 “Gone relay”: Outgoing Email Server is not a configured outgoing server (out-gone)',
    );
  });

  it('checks a rule before sending it', async () => {
    const api = apiWith({
      getOutgoingRules: async () => ({ rules: [], version: 0 }),
    });
    const onClose = jest.fn();
    await renderWithApis(<OutgoingRulesDialog onClose={onClose} />, { api });
    expect(
      await screen.findByText(/No outgoing email rules yet/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Add Outgoing Email Rule' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Update' }));
    const added = rule(1);
    expect(
      await within(added).findByText('Rule Name is required'),
    ).toBeInTheDocument();
    expect(
      within(added).getByText('Outgoing Email Server is required'),
    ).toBeInTheDocument();
    expect(
      within(condition(added, 1)).getByText(
        'Values must list at least one value',
      ),
    ).toBeInTheDocument();
    expect(api.saveOutgoingRules).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('asks for a reload when someone else saved first', async () => {
    const api = apiWith({
      saveOutgoingRules: jest
        .fn()
        .mockRejectedValueOnce(
          responseError(
            409,
            'The outgoing email rules were changed by someone else; reload and try again',
          ),
        ),
    });
    await renderDialog(api);
    await userEvent.click(screen.getByRole('button', { name: 'Update' }));
    expect(
      await screen.findByText(/changed by someone else — reload/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(api.getOutgoingRules).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(screen.queryByRole('alert')).not.toBeInTheDocument(),
    );
  });
});
