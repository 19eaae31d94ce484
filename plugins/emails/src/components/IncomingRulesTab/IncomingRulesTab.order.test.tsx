import { emailsServerReadPermission } from '@internal/plugin-emails-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../__testUtils__';
import { IncomingRulesTab } from './IncomingRulesTab';
import { apiWith, dialog, names, renderTab, savedNames } from './__testUtils__';

describe('IncomingRulesTab order, switches and access', () => {
  it('moves a rule with Alt+Arrow keys and announces it', async () => {
    const api = apiWith();
    const list = await renderTab(api);
    const vip = within(list).getByRole('listitem', { name: 'Rule 3: VIP' });
    vip.focus();
    await userEvent.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(names(list)).toEqual([
      '1. Network mail',
      '2. VIP',
      '3. Newsletters',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Moved VIP to position 2 of 3.',
    );
    // Without Alt the arrows scroll as usual.
    await userEvent.keyboard('{ArrowUp}');
    expect(names(list)).toEqual([
      '1. Network mail',
      '2. VIP',
      '3. Newsletters',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.saveIncomingRules).toHaveBeenCalled());
    expect(savedNames(api)).toEqual(['Network mail', 'VIP', 'Newsletters']);
  });

  it('moves a rule by dragging it onto another', async () => {
    const api = apiWith();
    const list = await renderTab(api);
    const item = (name: string) =>
      within(list).getByRole('listitem', { name: new RegExp(name) });
    fireEvent.dragStart(item('Network mail'));
    fireEvent.dragOver(item('VIP'));
    fireEvent.drop(item('VIP'));
    expect(names(list)).toEqual([
      '1. Newsletters',
      '2. VIP',
      '3. Network mail',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Moved Network mail to position 3 of 3.',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Move Newsletters down' }),
    );
    expect(names(list)).toEqual([
      '1. VIP',
      '2. Newsletters',
      '3. Network mail',
    ]);
  });

  it('switches a rule off and saves it disabled', async () => {
    const api = apiWith();
    const list = await renderTab(api);
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    const toggle = within(list).getByRole('checkbox', {
      name: 'Enable Network mail',
    });
    await userEvent.click(toggle);
    expect(toggle).not.toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.saveIncomingRules).toHaveBeenCalled());
    const [first] = api.saveIncomingRules.mock.calls[0][0].rules;
    expect(first).toMatchObject({ id: 'rule-net', enabled: false });
  });

  it('warns before leaving with unsaved changes', async () => {
    const away = jest.fn();
    const api = apiWith();
    await renderWithApis(
      <>
        <button role="tab" onClick={away}>
          Messages
        </button>
        <IncomingRulesTab />
      </>,
      { api },
    );
    await screen.findByRole('list', { name: 'Incoming email rules' });
    const messagesTab = () => screen.getByRole('tab', { name: 'Messages' });
    await userEvent.click(messagesTab());
    expect(away).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Enable Network mail' }),
    );
    await userEvent.click(messagesTab());
    expect(away).toHaveBeenCalledTimes(1);
    expect(dialog()).toHaveTextContent('Leave without saving?');
    await userEvent.click(
      within(dialog()).getByRole('button', { name: 'Stay' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(away).toHaveBeenCalledTimes(1);

    await userEvent.click(messagesTab());
    await userEvent.click(
      within(dialog()).getByRole('button', { name: 'Leave without saving' }),
    );
    expect(away).toHaveBeenCalledTimes(2);
  });

  it('shows the rules read-only to users who may not manage them', async () => {
    const api = apiWith();
    const list = await renderTab(api, [emailsServerReadPermission.name]);
    expect(names(list)).toHaveLength(3);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Rule simulator' }),
    ).not.toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')[0]).not.toHaveAttribute(
      'draggable',
      'true',
    );
  });
});
