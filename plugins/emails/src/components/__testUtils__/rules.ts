import { EmailRule } from '@internal/plugin-emails-common';

/** An outgoing email rule that sends mail of EU requesters through the EU relay. */
export function outgoingRule(overrides: Partial<EmailRule> = {}): EmailRule {
  return {
    id: 'rule-eu',
    name: 'EU customers',
    enabled: true,
    match: 'all',
    conditions: [
      { field: 'requesterDomain', operator: 'is', values: ['example.eu'] },
    ],
    actions: [{ type: 'useOutgoingServer', serverId: 'out-eu' }],
    stopProcessing: false,
    ...overrides,
  };
}
