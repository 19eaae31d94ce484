import {
  INCOMING_YES_NO_FIELDS,
  IncomingRuleField,
} from '@internal/plugin-emails-common';
import { ConditionVocabulary } from './vocabularies';

/** A condition as the rule editors hold it, outgoing or incoming. */
export interface ConditionDraft {
  /** Identifies the row while the admin edits; never sent. */
  key: string;
  field: string;
  operator: string;
  values: string[];
  /** The header a `header` condition looks at, e.g. X-Priority. */
  header?: string;
  /** The check an `authentication` condition looks at. */
  method?: string;
}

/** How a condition's values are entered. */
export type ValueKind =
  | 'text'
  | 'list'
  | 'regex'
  | 'mailbox'
  | 'yesNo'
  | 'authResult';

let lastKey = 0;
/** A key for a row of an editor, unique in this page. */
export const nextDraftKey = () => `draft-${++lastKey}`;

const EXACT = ['is', 'isNot', 'inList'];

/** How the values of this condition are entered. */
export function valueKind(c: Pick<ConditionDraft, 'field' | 'operator'>) {
  if (INCOMING_YES_NO_FIELDS.includes(c.field as IncomingRuleField)) {
    return 'yesNo';
  }
  // Outgoing rules have no inList: there, mailbox picks stay is / is not.
  if (c.field === 'mailbox' && EXACT.includes(c.operator)) return 'mailbox';
  if (c.field === 'authentication' && EXACT.includes(c.operator)) {
    return 'authResult';
  }
  if (c.operator === 'inList') return 'list';
  return c.operator === 'matchesRegex' ? 'regex' : 'text';
}

// Typed values stay typed values whatever the operator; picked ones do not.
const TYPED: ValueKind[] = ['text', 'list', 'regex'];
const sameEntry = (a: ValueKind, b: ValueKind) =>
  a === b || (TYPED.includes(a) && TYPED.includes(b));

/** A new condition on the vocabulary's first field with its default operator. */
export function newConditionDraft(
  vocabulary: ConditionVocabulary,
): ConditionDraft {
  const field = vocabulary.fields[0].field;
  return {
    key: nextDraftKey(),
    field,
    operator: vocabulary.operators(field)[0],
    values: [],
  };
}

/**
 * The condition with one setting changed. An operator the new field does not
 * take becomes its default; the header name and the authentication method go
 * with the fields that need them; values entered one way (typed, picked
 * mailboxes, yes or no, results) make no sense entered another, so they go.
 */
export function changeCondition(
  vocabulary: ConditionVocabulary,
  condition: ConditionDraft,
  change: Partial<Omit<ConditionDraft, 'key'>>,
): ConditionDraft {
  const next = { ...condition, ...change };
  const operators = vocabulary.operators(next.field);
  if (!operators.includes(next.operator)) next.operator = operators[0];
  if (next.field !== 'header') delete next.header;
  else next.header ??= '';
  if (next.field !== 'authentication') delete next.method;
  else next.method ??= 'spf';
  const kind = valueKind(next);
  if (sameEntry(kind, valueKind(condition))) return next;
  return { ...next, values: kind === 'yesNo' ? ['true'] : [] };
}

/** A condition as a PUT sends it: without its key or an unused header and method. */
export function toConditionBody(c: ConditionDraft) {
  return {
    field: c.field,
    operator: c.operator,
    ...(c.header !== undefined ? { header: c.header.trim() } : {}),
    ...(c.method !== undefined ? { method: c.method } : {}),
    values: c.values,
  };
}

/** The editor's copy of a saved condition. */
export function toConditionDraft(c: {
  field: string;
  operator: string;
  values: string[];
  header?: string;
  method?: string;
}): ConditionDraft {
  return { ...c, key: nextDraftKey(), values: [...c.values] };
}
