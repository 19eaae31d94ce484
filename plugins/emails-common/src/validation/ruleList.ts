import { z } from 'zod';
import { line, requiredLine } from './fields';

/**
 * The versioned list of rules of one direction: every rule has an id,
 * a name, enabled, match, its conditions, its actions and stopProcessing;
 * only what a condition and the actions may be differ between directions.
 */
export function versionedRuleList<
  Condition extends z.ZodTypeAny,
  Actions extends z.ZodTypeAny,
>(parts: { condition: Condition; actions: Actions }) {
  const rule = z
    .object({
      /** Kept when given (the list came from a GET); new rules get one. */
      id: line(100).optional(),
      name: requiredLine(100),
      enabled: z.boolean().default(true),
      match: z.enum(['all', 'any']).default('all'),
      conditions: z
        .array(parts.condition)
        .min(1, 'must have at least one condition')
        .max(20, 'must have at most 20 conditions'),
      actions: parts.actions,
      stopProcessing: z.boolean().default(false),
    })
    .strict();
  return z
    .object({
      rules: z.array(rule).max(200, 'must list at most 200 rules'),
      version: z
        .number({ invalid_type_error: 'must be a number' })
        .int()
        .min(0),
    })
    .strict()
    .superRefine(uniqueNamesAndIds);
}

/** Adds an issue for each rule repeating an earlier rule's name (any case) or id. */
export function uniqueNamesAndIds(
  list: { rules: { id?: string; name: string }[] },
  ctx: z.RefinementCtx,
): void {
  const ids = new Set<string>();
  const names = new Set<string>();
  list.rules.forEach((r, i) => {
    const name = r.name.toLocaleLowerCase('en-US');
    if (names.has(name)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['rules', i, 'name'],
        message: `repeats the name of an earlier rule (${r.name})`,
      });
    }
    names.add(name);
    if (!r.id) return;
    if (ids.has(r.id)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['rules', i, 'id'],
        message: `repeats the id of an earlier rule (${r.id})`,
      });
    }
    ids.add(r.id);
  });
}
