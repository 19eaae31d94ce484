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

/**
 * A rule of an ordered list (API: GET/PUT /rules/incoming and /rules/outgoing);
 * an outgoing rule unless its condition and action types say otherwise.
 */
export interface EmailRule<
  C extends { field: string } = RuleCondition,
  A extends { type: string } = RuleAction,
> {
  id: string;
  name: string;
  enabled: boolean;
  /** Whether every condition must hold, or one is enough. */
  match: 'all' | 'any';
  conditions: C[];
  actions: A[];
  /** A matching rule with this set ends the evaluation: later rules are not looked at. */
  stopProcessing: boolean;
}

/** A rule list with the version a PUT must send back. */
export interface EmailRuleList<R = EmailRule> {
  rules: R[];
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

/**
 * The operators of incoming rules: the outgoing ones, `inList` (equal to one
 * entry of a long list; an entry `@example.com` matches every address of that
 * domain) and `matchesRegex` (a JavaScript regular expression, ignoring case,
 * run under a time limit).
 */
export type IncomingRuleOperator = RuleOperator | 'inList' | 'matchesRegex';

/** Every incoming rule operator, in the order the rule editor offers them. */
export const INCOMING_RULE_OPERATORS: IncomingRuleOperator[] = [
  ...RULE_OPERATORS,
  'inList',
  'matchesRegex',
];

/** What an incoming email rule can look at in a message (seeds 001 and 002). */
export type IncomingRuleField =
  | 'mailbox'
  | 'from'
  | 'to'
  | 'cc'
  | 'subject'
  | 'body'
  | 'header'
  | 'hasAttachment'
  | 'attachmentName'
  | 'senderDomain'
  | 'authentication'
  | 'automatic';

/** Every incoming rule field, with the label the rule editor shows. */
export const INCOMING_RULE_FIELDS: {
  field: IncomingRuleField;
  label: string;
}[] = [
  { field: 'mailbox', label: 'Mailbox (incoming server)' },
  { field: 'from', label: 'From' },
  { field: 'to', label: 'To' },
  { field: 'cc', label: 'Cc' },
  { field: 'subject', label: 'Subject' },
  { field: 'body', label: 'Body' },
  { field: 'header', label: 'Header' },
  { field: 'hasAttachment', label: 'Has attachment' },
  { field: 'attachmentName', label: 'Attachment name' },
  { field: 'senderDomain', label: 'Sender domain' },
  { field: 'authentication', label: 'Sender authentication' },
  { field: 'automatic', label: 'Automatic mail' },
];

/** The fields whose values are `true` or `false`; they take `is` and `isNot` only. */
export const INCOMING_YES_NO_FIELDS: IncomingRuleField[] = [
  'hasAttachment',
  'automatic',
];

/** The sender authentication checks a condition on `authentication` names. */
export type AuthenticationMethod = 'spf' | 'dkim' | 'dmarc';

/**
 * One condition of an incoming rule. `header` names the header of a `header`
 * condition (`X-Priority`), `method` the check of an `authentication` one;
 * their values are results such as `pass`, `fail`, `none`.
 */
export interface IncomingRuleCondition {
  field: IncomingRuleField;
  operator: IncomingRuleOperator;
  values: string[];
  header?: string;
  method?: AuthenticationMethod;
}

/** The ticket fields an incoming rule sets with one value. */
export type IncomingRuleValueAction =
  | 'technicianGroup'
  | 'category'
  | 'priority'
  | 'requestType'
  | 'company'
  | 'assignTo';

/**
 * What an incoming rule does to the ticket a message opens: set a field
 * (`assignTo` takes a technician's user ref, `technicianGroup` a group ref),
 * add CC addresses, set a field of the host helpdesk's ticket through the
 * ticketing extension point, or keep the message from becoming a ticket
 * (`ignore`, `quarantine`).
 */
export type IncomingRuleAction =
  | { type: IncomingRuleValueAction; value: string }
  | { type: 'addCc'; values: string[] }
  | { type: 'setField'; field: string; value: string }
  | { type: 'ignore' }
  | { type: 'quarantine' };

/** Every incoming rule action type, in the order the rule editor offers them. */
export const INCOMING_RULE_ACTIONS: IncomingRuleAction['type'][] = [
  'technicianGroup',
  'category',
  'priority',
  'requestType',
  'company',
  'assignTo',
  'addCc',
  'setField',
  'ignore',
  'quarantine',
];

/** An incoming email rule (API: GET/PUT /rules/incoming). */
export type IncomingEmailRule = EmailRule<
  IncomingRuleCondition,
  IncomingRuleAction
>;

/** The incoming email rules with the version a PUT must send back. */
export type IncomingEmailRuleList = EmailRuleList<IncomingEmailRule>;
