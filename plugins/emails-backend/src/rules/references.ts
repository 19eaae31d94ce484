import { FieldIssue } from '@internal/plugin-emails-common';
import { Stores } from '../database';

type NamedCondition = { field: string; operator: string; values: string[] };

/** The ids and addresses (lower-case) of the incoming servers, as mailbox conditions name them. */
export async function mailboxNames(stores: Stores): Promise<Set<string>> {
  return new Set(
    (await stores.incomingServers.list()).flatMap(s => [
      s.id.toLocaleLowerCase('en-US'),
      s.email.toLocaleLowerCase('en-US'),
    ]),
  );
}

/** An issue per exact `mailbox` value of rule number `r` that names no incoming server. */
export function unknownMailboxIssues(
  rule: { conditions: NamedCondition[] },
  r: number,
  mailboxes: Set<string>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  rule.conditions.forEach((condition, c) => {
    const exact = ['is', 'isNot', 'inList'].includes(condition.operator);
    if (condition.field !== 'mailbox' || !exact) return;
    condition.values.forEach((value, v) => {
      if (!mailboxes.has(value.toLocaleLowerCase('en-US'))) {
        issues.push({
          field: `rules.${r}.conditions.${c}.values.${v}`,
          message: `is not the id or address of an incoming server (${value})`,
        });
      }
    });
  });
  return issues;
}

/** The names of the rules with a `mailbox` condition naming this server by id or address. */
export function rulesNaming(
  rules: { name: string; conditions: NamedCondition[] }[],
  id: string,
  email: string,
): string[] {
  const names = new Set([id, email].map(v => v.toLocaleLowerCase('en-US')));
  return rules
    .filter(r =>
      r.conditions.some(
        c =>
          c.field === 'mailbox' &&
          c.values.some(v => names.has(v.toLocaleLowerCase('en-US'))),
      ),
    )
    .map(r => r.name);
}
