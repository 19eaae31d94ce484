import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { responseError } from '../__testUtils__';
import { apiWith, dialog, group, names, renderTab } from './__testUtils__';

describe('IncomingRulesTab', () => {
  it('lists the rules in order with what they look at and do', async () => {
    const list = await renderTab(apiWith());
    expect(names(list)).toEqual([
      '1. Network mail',
      '2. Newsletters',
      '3. VIP',
    ]);
    const first = within(list).getByRole('listitem', {
      name: 'Rule 1: Network mail',
    });
    expect(first).toHaveTextContent(
      'When Subject contains “VPN” or “WAN” and Mailbox (incoming server) is “IT Support”',
    );
    expect(first).toHaveTextContent('Then Category: Network');
    expect(
      within(list).getByRole('listitem', { name: 'Rule 3: VIP' }),
    ).toHaveTextContent('Disabled');
  });

  it('builds a rule with the condition builder and saves the whole list with the version', async () => {
    const api = apiWith();
    await renderTab(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Add Incoming Email Rule' }),
    );
    await userEvent.type(
      within(dialog()).getByLabelText('Rule Name'),
      'Urgent',
    );
    await userEvent.selectOptions(
      within(dialog()).getByLabelText('Match'),
      'any',
    );
    const first = group('Condition 1');
    await userEvent.selectOptions(
      within(first).getByLabelText('Field'),
      'subject',
    );
    await userEvent.selectOptions(
      within(first).getByLabelText('Operator'),
      'matchesRegex',
    );
    await userEvent.type(
      within(first).getByLabelText('Patterns'),
      '^urgent\\b{Enter}',
    );
    await userEvent.click(
      within(dialog()).getByRole('button', { name: 'Add condition' }),
    );
    const second = group('Condition 2');
    await userEvent.selectOptions(
      within(second).getByLabelText('Field'),
      'header',
    );
    await userEvent.type(
      within(second).getByLabelText('Header name'),
      'X-Priority',
    );
    await userEvent.type(within(second).getByLabelText('Values'), '1{Enter}');
    const action = group('Action 1');
    await userEvent.selectOptions(
      within(action).getByLabelText('Action'),
      'priority',
    );
    await userEvent.type(within(action).getByLabelText('Value'), 'High');
    await userEvent.click(
      within(dialog()).getByRole('button', { name: 'Add action' }),
    );
    const cc = group('Action 2');
    await userEvent.selectOptions(within(cc).getByLabelText('Action'), 'addCc');
    await userEvent.type(
      within(cc).getByLabelText('Addresses'),
      'noc@example.com{Enter}',
    );
    await userEvent.click(
      within(dialog()).getByRole('checkbox', { name: /Stop processing/ }),
    );
    await userEvent.click(
      within(dialog()).getByRole('button', { name: 'Done' }),
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.saveIncomingRules).toHaveBeenCalled());
    const body = api.saveIncomingRules.mock.calls[0][0];
    expect(body.version).toBe(4);
    expect(body.rules.slice(0, 3).map(r => r.id)).toEqual([
      'rule-net',
      'rule-spam',
      'rule-vip',
    ]);
    expect(body.rules[3]).toEqual({
      name: 'Urgent',
      enabled: true,
      match: 'any',
      conditions: [
        { field: 'subject', operator: 'matchesRegex', values: ['^urgent\\b'] },
        {
          field: 'header',
          header: 'X-Priority',
          operator: 'is',
          values: ['1'],
        },
      ],
      actions: [
        { type: 'priority', value: 'High' },
        { type: 'addCc', values: ['noc@example.com'] },
      ],
      stopProcessing: true,
    });
    await waitFor(() =>
      expect(screen.queryByText('Unsaved changes')).not.toBeInTheDocument(),
    );
  });

  it('shows a field error of the backend at the field of its rule', async () => {
    const api = apiWith({
      saveIncomingRules: jest
        .fn()
        .mockRejectedValueOnce(
          responseError(
            400,
            'Invalid incoming email rules: rules.1.actions.0.type repeats an earlier ignore or quarantine action',
          ),
        ),
    });
    const list = await renderTab(api);
    await userEvent.click(
      within(list).getByRole('checkbox', { name: 'Enable VIP' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    // The rule's editor opens with the message under the action it names.
    const action = await waitFor(() => group('Action 1'));
    expect(action).toHaveTextContent(
      'Action repeats an earlier ignore or quarantine action',
    );
    expect(within(dialog()).getByLabelText('Rule Name')).toHaveValue(
      'Newsletters',
    );
    // The summary above the list stays, behind the dialog.
    expect(
      screen.getByText(
        'Rule 2 “Newsletters”: Action repeats an earlier ignore or quarantine action',
      ),
    ).toBeInTheDocument();
  });

  it('checks a rule before it joins the list', async () => {
    const api = apiWith();
    await renderTab(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Add Incoming Email Rule' }),
    );
    await userEvent.type(within(dialog()).getByLabelText('Rule Name'), 'vip');
    await userEvent.click(
      within(dialog()).getByRole('button', { name: 'Done' }),
    );
    expect(
      within(group('Condition 1')).getByText(
        'Values must list at least one value',
      ),
    ).toBeInTheDocument();
    expect(
      within(group('Action 1')).getByText('Value is required'),
    ).toBeInTheDocument();
  });

  it('asks for a reload when someone else saved first', async () => {
    const api = apiWith({
      saveIncomingRules: jest
        .fn()
        .mockRejectedValueOnce(responseError(409, 'changed by someone else')),
    });
    const list = await renderTab(api);
    await userEvent.click(
      within(list).getByRole('checkbox', { name: 'Enable VIP' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(/changed by someone else — reload/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(api.getIncomingRules).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(
        screen.queryByText(/changed by someone else/),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('checkbox', { name: 'Enable VIP' }),
    ).not.toBeChecked();
  });
});
