import { OutgoingServer } from '@internal/plugin-emails-common';

export { mailboxChoices } from '../RuleConditionBuilder';

/** An outgoing server as the server select shows it. */
export function outgoingServerLabel(server: OutgoingServer): string {
  const label = `${server.name} (${server.email})`;
  return server.enabled ? label : `${label}, disabled: the rule is skipped`;
}
