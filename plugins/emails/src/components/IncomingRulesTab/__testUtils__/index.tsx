import { screen, within } from '@testing-library/react';
import { IncomingEmailRule } from '@internal/plugin-emails-common';
import {
  incomingServer,
  mockEmailsApi,
  renderWithApis,
} from '../../__testUtils__';
import { IncomingRulesTab } from '../IncomingRulesTab';

/** An incoming email rule that files network mail of the IT Support mailbox under Network. */
export function incomingRule(
  overrides: Partial<IncomingEmailRule> = {},
): IncomingEmailRule {
  return {
    id: 'rule-net',
    name: 'Network mail',
    enabled: true,
    match: 'all',
    conditions: [
      { field: 'subject', operator: 'contains', values: ['VPN', 'WAN'] },
      { field: 'mailbox', operator: 'is', values: ['in-1'] },
    ],
    actions: [{ type: 'category', value: 'Network' }],
    stopProcessing: false,
    ...overrides,
  };
}

/** An emails API with three incoming rules (the last disabled) at version 4. */
export function apiWith(overrides: Parameters<typeof mockEmailsApi>[0] = {}) {
  return mockEmailsApi({
    listIncomingServers: async () => [incomingServer()],
    getIncomingRules: async () => ({
      rules: [
        incomingRule(),
        incomingRule({
          id: 'rule-spam',
          name: 'Newsletters',
          conditions: [
            { field: 'automatic', operator: 'is', values: ['true'] },
          ],
          actions: [{ type: 'ignore' }],
        }),
        incomingRule({ id: 'rule-vip', name: 'VIP', enabled: false }),
      ],
      version: 4,
    }),
    ...overrides,
  });
}

/** Renders the tab; resolves with the list of rules once loaded. */
export async function renderTab(
  api: ReturnType<typeof apiWith>,
  allow?: string[],
) {
  await renderWithApis(<IncomingRulesTab />, { api, allow });
  return screen.findByRole('list', { name: 'Incoming email rules' });
}

/** The rule headings of the list, in order. */
export const names = (list: HTMLElement) =>
  within(list)
    .getAllByRole('heading', { level: 3 })
    .map(h => h.textContent);
/** The rule names of the first PUT. */
export const savedNames = (api: ReturnType<typeof apiWith>) =>
  api.saveIncomingRules.mock.calls[0][0].rules.map(r => r.name);
/** The open dialog. */
export const dialog = () => screen.getByRole('dialog');
/** A condition or action row of the open dialog. */
export const group = (name: string) =>
  within(dialog()).getByRole('group', { name });
