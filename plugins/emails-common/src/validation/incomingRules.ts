import { z } from 'zod';
import { INCOMING_RULE_ACTIONS, IncomingRuleAction } from '../rules';
import {
  emailAddress,
  groupRef,
  line,
  requiredLine,
  validateWith,
  Validated,
} from './fields';
import { incomingRuleCondition } from './incomingRuleConditions';
import { versionedRuleList } from './ruleList';

/** A catalog entity ref of a User, such as `user:default/jdoe` or `jdoe`; normalised. */
const userRef = z
  .string({ invalid_type_error: 'must be text' })
  .trim()
  .regex(
    /^(user:)?([a-z0-9][a-z0-9._-]*\/)?[A-Za-z0-9][A-Za-z0-9._@-]*$/i,
    'must be a user reference such as user:default/jdoe',
  )
  .transform(v => {
    const name = v.replace(/^user:/i, '');
    return `user:${
      name.includes('/') ? name : `default/${name}`
    }`.toLocaleLowerCase('en-US');
  });

const value = <S extends z.ZodType<string, z.ZodTypeDef, unknown>>(shape: S) =>
  z.object({ value: shape });
const text = () => value(requiredLine(200));

const action = z.discriminatedUnion(
  'type',
  [
    value(groupRef)
      .extend({ type: z.literal('technicianGroup') })
      .strict(),
    text()
      .extend({ type: z.literal('category') })
      .strict(),
    text()
      .extend({ type: z.literal('priority') })
      .strict(),
    text()
      .extend({ type: z.literal('requestType') })
      .strict(),
    text()
      .extend({ type: z.literal('company') })
      .strict(),
    value(userRef)
      .extend({ type: z.literal('assignTo') })
      .strict(),
    z
      .object({
        type: z.literal('addCc'),
        values: z
          .array(emailAddress)
          .min(1, 'must list at least one address')
          .max(50, 'must list at most 50 addresses'),
      })
      .strict(),
    z
      .object({
        type: z.literal('setField'),
        field: requiredLine(64).regex(
          /^[A-Za-z][A-Za-z0-9_.-]*$/,
          'must be a ticket field name such as impact or custom.site',
        ),
        value: line(1000),
      })
      .strict(),
    z.object({ type: z.literal('ignore') }).strict(),
    z.object({ type: z.literal('quarantine') }).strict(),
  ],
  {
    errorMap: issue =>
      issue.code === 'invalid_union_discriminator'
        ? { message: `must be one of ${INCOMING_RULE_ACTIONS.join(', ')}` }
        : { message: issue.message ?? 'is invalid' },
  },
);

/** What makes two actions of one rule the same: the type, or the field a setField sets. */
const actionKey = (a: IncomingRuleAction) =>
  a.type === 'setField' ? `setField:${a.field.toLowerCase()}` : a.type;

/** One rule may set each field once and may not both ignore and quarantine. */
function checkActions(actions: IncomingRuleAction[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  actions.forEach((a, i) => {
    const key = actionKey(a);
    const disposition = a.type === 'ignore' || a.type === 'quarantine';
    const clash = disposition && (seen.has('ignore') || seen.has('quarantine'));
    if (seen.has(key) || clash) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [i, 'type'],
        message: disposition
          ? 'repeats an earlier ignore or quarantine action'
          : `repeats an earlier ${key} action of this rule`,
      });
    }
    seen.add(key);
  });
}

const incomingRules = versionedRuleList({
  condition: incomingRuleCondition,
  actions: z
    .array(action)
    .min(1, 'must have at least one action')
    .max(20, 'must have at most 20 actions')
    .superRefine(checkActions),
});

/** The incoming email rules as a PUT sends them; ids may be missing on new rules. */
export type IncomingRulesInput = z.output<typeof incomingRules>;

/** Validates a PUT /rules/incoming body; every issue names its field, e.g. `rules.2.conditions.0.values.1`. */
export function validateIncomingRules(
  body: unknown,
): Validated<IncomingRulesInput> {
  return validateWith(incomingRules, body);
}
