import {
  INCOMING_RULE_FIELDS,
  INCOMING_RULE_OPERATORS,
  INCOMING_YES_NO_FIELDS,
  IncomingRuleField,
  IncomingRuleOperator,
  OUTGOING_RULE_FIELDS,
  RULE_OPERATORS,
} from '@internal/plugin-emails-common';

/** The fields a rule list's conditions look at and the operators each takes. */
export interface ConditionVocabulary {
  /** The fields in the order the field picker offers them. */
  fields: { field: string; label: string }[];
  /** The operators valid for a field, the default first. */
  operators(field: string): string[];
  /** What to type as values of a field. */
  hint(field: string): string;
}

/** Every operator as the rule editor words it. */
export const OPERATOR_LABELS: Record<IncomingRuleOperator, string> = {
  is: 'is',
  isNot: 'is not',
  contains: 'contains',
  notContains: 'does not contain',
  startsWith: 'starts with',
  endsWith: 'ends with',
  inList: 'is in list',
  matchesRegex: 'matches regular expression',
};

/** The label of an operator; an unknown one shows as it is. */
export function operatorLabel(operator: string): string {
  return OPERATOR_LABELS[operator as IncomingRuleOperator] ?? operator;
}

const OUTGOING_HINTS: Record<string, string> = {
  technicianGroup: 'Groups such as group:default/it-support',
  category: 'Request categories',
  requesterEmail: 'Addresses such as jane@example.com',
  requesterDomain: 'Domains such as example.com',
  mailbox: 'Part of the incoming server address',
  subject: 'Text of the subject',
};

/** The conditions of outgoing email rules: ticket fields, the six text operators. */
export const OUTGOING_CONDITIONS: ConditionVocabulary = {
  fields: OUTGOING_RULE_FIELDS,
  operators: () => RULE_OPERATORS,
  hint: field => OUTGOING_HINTS[field] ?? 'Values',
};

const INCOMING_HINTS: Record<string, string> = {
  mailbox: 'Part of the incoming server address',
  from: 'Addresses such as jane@example.com',
  to: 'Addresses such as support@example.com',
  cc: 'Addresses such as team@example.com',
  subject: 'Text of the subject',
  body: 'Text of the message body',
  header: 'Values of the header',
  attachmentName: 'File names such as invoice.pdf',
  senderDomain: 'Domains such as example.com',
  authentication: 'Results such as pass or fail',
};

/** The conditions of incoming email rules: message facts; yes/no fields take is and is not only. */
export const INCOMING_CONDITIONS: ConditionVocabulary = {
  fields: INCOMING_RULE_FIELDS,
  operators: field =>
    INCOMING_YES_NO_FIELDS.includes(field as IncomingRuleField)
      ? ['is', 'isNot']
      : INCOMING_RULE_OPERATORS,
  hint: field => INCOMING_HINTS[field] ?? 'Values',
};

/** The label of a condition field; an unknown one shows as it is. */
export function fieldLabel(vocabulary: ConditionVocabulary, field: string) {
  return vocabulary.fields.find(f => f.field === field)?.label ?? field;
}
