/** Which way the mail goes that a rule list applies to. */
export type RuleDirection = 'incoming' | 'outgoing';

/** How a condition compares a field with its values; text comparisons ignore case. */
export type RuleOperator =
  | 'is'
  | 'isNot'
  | 'contains'
  | 'notContains'
  | 'startsWith'
  | 'endsWith';

/** Every operator, in the order the rule editor offers them. */
export const RULE_OPERATORS: RuleOperator[] = [
  'is',
  'isNot',
  'contains',
  'notContains',
  'startsWith',
  'endsWith',
];

/**
 * The ticket fields an outgoing email rule can look at (seed 002: route mail
 * through a server "on the fulfillment of the said conditions").
 */
export type OutgoingRuleField =
  | 'technicianGroup'
  | 'category'
  | 'requesterEmail'
  | 'requesterDomain'
  | 'mailbox'
  | 'subject';

/** Every outgoing rule field, with the label the rule editor shows. */
export const OUTGOING_RULE_FIELDS: {
  field: OutgoingRuleField;
  label: string;
}[] = [
  { field: 'technicianGroup', label: 'Technician group' },
  { field: 'category', label: 'Category' },
  { field: 'requesterEmail', label: 'Requester email' },
  { field: 'requesterDomain', label: 'Requester domain' },
  { field: 'mailbox', label: 'Mailbox (incoming server)' },
  { field: 'subject', label: 'Subject' },
];

/**
 * One condition. With `is`, `contains`, `startsWith` and `endsWith` the field
 * matches when it matches any of the values; with `isNot` and `notContains`
 * when it matches none of them. A field the ticket does not have matches only
 * the negative operators.
 */
export interface RuleCondition {
  field: string;
  operator: RuleOperator;
  values: string[];
}

/** What an outgoing rule does: send through this outgoing server. */
export interface UseOutgoingServerAction {
  type: 'useOutgoingServer';
  serverId: string;
}

/** An action of a rule. */
export type RuleAction = UseOutgoingServerAction;

/** A rule of an ordered list (API: GET/PUT /rules/incoming and /rules/outgoing). */
export interface EmailRule {
  id: string;
  name: string;
  enabled: boolean;
  /** Whether every condition must hold, or one is enough. */
  match: 'all' | 'any';
  conditions: RuleCondition[];
  actions: RuleAction[];
  /** A matching rule with this set ends the evaluation: later rules are not looked at. */
  stopProcessing: boolean;
}

/** A rule list with the version a PUT must send back. */
export interface EmailRuleList {
  rules: EmailRule[];
  /** 0 while the list has never been saved. */
  version: number;
}

/** The outgoing server a message was routed to, and why; shown in the Outgoing Queue. */
export interface OutboundRoute {
  /** The outgoing server picked before any fallback; none = the primary. */
  serverId?: string;
  /** `chosen` by the technician or sending plugin, an outgoing `rule`, the `mailbox` link, or the `primary`. */
  by: 'chosen' | 'rule' | 'mailbox' | 'primary';
  /** The rule's name when `by` is `rule`. */
  ruleName?: string;
}
