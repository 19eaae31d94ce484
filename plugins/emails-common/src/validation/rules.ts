import { z } from 'zod';
import {
  OUTGOING_RULE_FIELDS,
  OutgoingRuleField,
  RULE_OPERATORS,
  RuleOperator,
} from '../rules';
import {
  domainName,
  groupRef,
  requiredLine,
  validateWith,
  Validated,
} from './fields';
import { versionedRuleList } from './ruleList';

export { uniqueNamesAndIds } from './ruleList';

const FIELD_NAMES = OUTGOING_RULE_FIELDS.map(f => f.field) as [
  OutgoingRuleField,
  ...OutgoingRuleField[],
];

const condition = z
  .object({
    field: z.enum(FIELD_NAMES, {
      errorMap: () => ({ message: `must be one of ${FIELD_NAMES.join(', ')}` }),
    }),
    operator: z.enum(RULE_OPERATORS as [RuleOperator, ...RuleOperator[]], {
      errorMap: () => ({
        message: `must be one of ${RULE_OPERATORS.join(', ')}`,
      }),
    }),
    values: z
      .array(requiredLine(320))
      .min(1, 'must list at least one value')
      .max(100, 'must list at most 100 values'),
  })
  .strict()
  .superRefine((c, ctx) => {
    // Exact values must be well formed; partial ones (contains, endsWith) are free text.
    const exact = c.operator === 'is' || c.operator === 'isNot';
    if (!exact) return;
    if (c.field !== 'requesterDomain' && c.field !== 'technicianGroup') return;
    c.values.forEach((value, i) => {
      const ok =
        c.field === 'requesterDomain'
          ? domainName.safeParse(value.replace(/^@/, '')).success
          : groupRef.safeParse(value).success;
      if (!ok) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['values', i],
          message:
            c.field === 'requesterDomain'
              ? 'must be a domain name like example.com'
              : 'must be a group reference such as group:default/it-support',
        });
      }
    });
  })
  .transform(c => ({ ...c, values: c.values.map(v => normalise(c, v)) }));

/** Domains without `@`, exact group values as full refs, so matching compares like with like. */
function normalise(
  c: { field: OutgoingRuleField; operator: RuleOperator },
  value: string,
): string {
  if (c.operator !== 'is' && c.operator !== 'isNot') return value;
  if (c.field === 'requesterDomain')
    return value.replace(/^@/, '').toLowerCase();
  if (c.field === 'technicianGroup') return groupRef.parse(value);
  return value;
}

const action = z
  .object({
    type: z.literal('useOutgoingServer', {
      errorMap: () => ({ message: 'must be useOutgoingServer' }),
    }),
    serverId: requiredLine(100),
  })
  .strict();

const outgoingRules = versionedRuleList({
  condition,
  actions: z
    .array(action)
    .length(1, 'must have exactly one action: the outgoing server'),
});

/** The outgoing email rules as a PUT sends them; ids may be missing on new rules. */
export type OutgoingRulesInput = z.output<typeof outgoingRules>;

/** Validates a PUT /rules/outgoing body; every issue names its field, e.g. `rules.0.conditions.1.values`. */
export function validateOutgoingRules(
  body: unknown,
): Validated<OutgoingRulesInput> {
  return validateWith(outgoingRules, body);
}
