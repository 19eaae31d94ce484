import { IncomingServer } from '@internal/plugin-emails-common';
import {
  ConditionDraft,
  fieldLabel,
  INCOMING_CONDITIONS,
  operatorLabel,
} from '../RuleConditionBuilder';
import {
  ACTION_LABELS,
  ActionDraft,
  IncomingRuleDraft,
} from './incomingRuleDraft';

const quote = (v: string) => `“${v}”`;
const YES_NO: Record<string, string> = { true: 'yes', false: 'no' };
const METHODS: Record<string, string> = {
  spf: 'SPF',
  dkim: 'DKIM',
  dmarc: 'DMARC',
};

/** What the condition looks at: the field, with its header or check. */
function subject(c: ConditionDraft): string {
  if (c.field === 'header') return `Header ${c.header ?? ''}`.trim();
  if (c.field === 'authentication') {
    return `${METHODS[c.method ?? ''] ?? 'Authentication'} result`;
  }
  return fieldLabel(INCOMING_CONDITIONS, c.field);
}

/** One condition in words, e.g. `Subject contains “VPN” or “WAN”`; long lists are counted. */
export function describeCondition(
  c: ConditionDraft,
  servers: IncomingServer[] = [],
): string {
  const name = (v: string) =>
    c.field === 'mailbox'
      ? servers.find(s => s.id === v || s.email === v)?.name ?? v
      : YES_NO[v] ?? v;
  const values =
    c.values.length > 3
      ? `${c.values.length} entries`
      : c.values.map(v => quote(name(v))).join(' or ');
  return `${subject(c)} ${operatorLabel(c.operator)} ${values}`.trim();
}

/** The conditions of a rule in words, joined by `and` or `or` as it matches. */
export function describeConditions(
  rule: IncomingRuleDraft,
  servers: IncomingServer[] = [],
): string {
  const joint = rule.match === 'all' ? ' and ' : ' or ';
  return rule.conditions.map(c => describeCondition(c, servers)).join(joint);
}

/** One action in words, e.g. `Category: Network`. */
export function describeAction(a: ActionDraft): string {
  const label = ACTION_LABELS[a.type];
  switch (a.type) {
    case 'addCc':
      return `${label}: ${a.values.join(', ')}`;
    case 'setField':
      return `Set ${a.field} to ${quote(a.value)}`;
    case 'ignore':
    case 'quarantine':
      return label;
    default:
      return `${label}: ${a.value}`;
  }
}

/** The actions of a rule in words. */
export function describeActions(rule: IncomingRuleDraft): string {
  return rule.actions.map(describeAction).join('; ');
}
