import {
  IncomingServer,
  OUTGOING_RULE_FIELDS,
  OutgoingServer,
  RuleOperator,
} from '@internal/plugin-emails-common';

/** The operators as the rule editor words them. */
export const OPERATOR_LABELS: Record<RuleOperator, string> = {
  is: 'is',
  isNot: 'is not',
  contains: 'contains',
  notContains: 'does not contain',
  startsWith: 'starts with',
  endsWith: 'ends with',
};

/** What to type as values, by field. */
export const VALUE_HINTS: Record<string, string> = {
  technicianGroup: 'Groups such as group:default/it-support',
  category: 'Request categories',
  requesterEmail: 'Addresses such as jane@example.com',
  requesterDomain: 'Domains such as example.com',
  mailbox: 'Part of the incoming server address',
  subject: 'Text of the subject',
};

/** The label of a condition field; an unknown one shows as it is. */
export function fieldLabel(field: string): string {
  return OUTGOING_RULE_FIELDS.find(f => f.field === field)?.label ?? field;
}

/** An outgoing server as the server select shows it. */
export function outgoingServerLabel(server: OutgoingServer): string {
  const label = `${server.name} (${server.email})`;
  return server.enabled ? label : `${label}, disabled: the rule is skipped`;
}

/**
 * The mailboxes a condition can pick: every incoming server by name. A
 * saved value may be the server's id or its address; the choice keeps that
 * value so an untouched rule saves unchanged. Values that name no server
 * stay, labelled as such.
 */
export function mailboxChoices(
  servers: IncomingServer[],
  values: string[],
): { value: string; label: string }[] {
  const fold = (v: string) => v.toLocaleLowerCase('en-US');
  const used = new Set<string>();
  const choices = servers.map(server => {
    const value = values.find(v => fold(v) === fold(server.email)) ?? server.id;
    used.add(value);
    return { value, label: server.name };
  });
  const unknown = values
    .filter(v => !used.has(v))
    .map(v => ({ value: v, label: `${v} (no such incoming server)` }));
  return [...choices, ...unknown];
}
