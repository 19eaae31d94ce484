import { z } from 'zod';
import {
  INCOMING_RULE_FIELDS,
  INCOMING_RULE_OPERATORS,
  INCOMING_YES_NO_FIELDS,
  IncomingRuleField,
  IncomingRuleOperator,
} from '../rules';
import { domainName, isEmailAddress, requiredLine } from './fields';

/** The longest regular expression a rule may hold; longer ones are refused, not cut. */
export const RULE_REGEX_MAX_LENGTH = 500;

/** The results a sender authentication check reports (RFC 8601). */
export const AUTHENTICATION_RESULTS = [
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'temperror',
  'permerror',
];

const FIELD_NAMES = INCOMING_RULE_FIELDS.map(f => f.field) as [
  IncomingRuleField,
  ...IncomingRuleField[],
];
const OPERATORS = INCOMING_RULE_OPERATORS as [
  IncomingRuleOperator,
  ...IncomingRuleOperator[],
];
const ADDRESS_FIELDS: IncomingRuleField[] = ['from', 'to', 'cc'];
// An RFC 5322 field name: printable ASCII except the colon.
const HEADER_NAME = /^[!-9;-~]+$/;

type Condition = {
  field: IncomingRuleField;
  operator: IncomingRuleOperator;
  values: string[];
  header?: string;
  method?: 'spf' | 'dkim' | 'dmarc';
};

const exact = (operator: IncomingRuleOperator) =>
  operator === 'is' || operator === 'isNot' || operator === 'inList';

/** Why one value of a condition is refused, or undefined when it is fine. */
function valueProblem(c: Condition, value: string): string | undefined {
  if (c.operator === 'matchesRegex') return regexProblem(value);
  if (INCOMING_YES_NO_FIELDS.includes(c.field)) {
    return /^(true|false)$/i.test(value) ? undefined : 'must be true or false';
  }
  if (!exact(c.operator)) return undefined;
  if (c.field === 'senderDomain') {
    return domainName.safeParse(value.replace(/^@/, '')).success
      ? undefined
      : 'must be a domain name like example.com';
  }
  if (c.field === 'authentication') {
    return AUTHENTICATION_RESULTS.includes(value.toLowerCase())
      ? undefined
      : `must be one of ${AUTHENTICATION_RESULTS.join(', ')}`;
  }
  if (c.operator === 'inList' && ADDRESS_FIELDS.includes(c.field)) {
    const ok =
      isEmailAddress(value) ||
      domainName.safeParse(value.replace(/^@/, '')).success;
    return ok
      ? undefined
      : 'must be an email address or a domain like @example.com';
  }
  return undefined;
}

/** Why a pattern cannot be a rule's regular expression, or undefined. */
export function regexProblem(pattern: string): string | undefined {
  if (pattern.length > RULE_REGEX_MAX_LENGTH) {
    return `must be a regular expression of at most ${RULE_REGEX_MAX_LENGTH} characters`;
  }
  try {
    // Compiled here only to refuse a broken pattern; matching happens under a time limit.
    // eslint-disable-next-line no-new
    new RegExp(pattern, 'i');
    return undefined;
  } catch (error) {
    return `must be a valid regular expression (${(error as Error).message})`;
  }
}

/** The issues of a condition's shape: its operator, header, method and values. */
function checkCondition(c: Condition, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  const yesNo = INCOMING_YES_NO_FIELDS.includes(c.field);
  if (yesNo && c.operator !== 'is' && c.operator !== 'isNot') {
    issue(['operator'], `must be is or isNot for ${c.field}`);
  }
  if (c.operator !== 'inList' && c.values.length > 100) {
    issue(['values'], 'must list at most 100 values; use inList for more');
  }
  if (c.field === 'header' && !c.header) {
    issue(['header'], 'is required: the name of the header, e.g. X-Priority');
  }
  if (c.field !== 'header' && c.header !== undefined) {
    issue(['header'], 'is only for a header condition');
  }
  if (c.field === 'authentication' && !c.method) {
    issue(['method'], 'is required: spf, dkim or dmarc');
  }
  if (c.field !== 'authentication' && c.method !== undefined) {
    issue(['method'], 'is only for an authentication condition');
  }
  c.values.forEach((value, i) => {
    const problem = valueProblem(c, value);
    if (problem) issue(['values', i], problem);
  });
}

/** Exact values compared like with like: domains without `@`, results and yes/no lower-case. */
function normalise(c: Condition): Condition {
  const lower =
    INCOMING_YES_NO_FIELDS.includes(c.field) ||
    c.field === 'authentication' ||
    (c.field === 'senderDomain' && exact(c.operator));
  if (!lower) return c;
  const values = c.values.map(v =>
    c.field === 'senderDomain'
      ? v.replace(/^@/, '').toLowerCase()
      : v.toLowerCase(),
  );
  return { ...c, values };
}

/** One condition of an incoming email rule. */
export const incomingRuleCondition = z
  .object({
    field: z.enum(FIELD_NAMES, {
      errorMap: () => ({ message: `must be one of ${FIELD_NAMES.join(', ')}` }),
    }),
    operator: z.enum(OPERATORS, {
      errorMap: () => ({ message: `must be one of ${OPERATORS.join(', ')}` }),
    }),
    header: requiredLine(100)
      .regex(HEADER_NAME, 'must be a header name such as X-Priority')
      .optional(),
    method: z
      .enum(['spf', 'dkim', 'dmarc'], {
        errorMap: () => ({ message: 'must be one of spf, dkim, dmarc' }),
      })
      .optional(),
    // A regular expression may run past a line's usual length; regexProblem caps it.
    values: z
      .array(requiredLine(1000))
      .min(1, 'must list at least one value')
      .max(1000, 'must list at most 1000 values'),
  })
  .strict()
  .superRefine(checkCondition)
  .transform(normalise);
