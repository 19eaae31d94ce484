import { InputError } from '@backstage/errors';
import {
  describeIssues,
  EmailRule,
  EmailRuleList,
  FieldIssue,
  OutgoingRulesInput,
  validateOutgoingRules,
} from '@internal/plugin-emails-common';
import { randomUUID } from 'node:crypto';
import {
  ChangeContext,
  ConfigAuditRecorder,
} from '../audit/ConfigAuditRecorder';
import { Stores } from '../database';
import { diffViews } from '../servers/changes';

const OUTGOING = 'outgoing-email-rules';

/** The outgoing email rules (seed 002), an ordered list saved as one versioned document. */
export class RuleService {
  constructor(
    private readonly deps: { stores: Stores; audit: ConfigAuditRecorder },
  ) {}

  /** The saved outgoing rules in order; an empty list at version 0 before the first save. */
  async outgoing(): Promise<EmailRuleList> {
    const record = await this.deps.stores.preferences.get<EmailRule[]>(
      OUTGOING,
      [],
    );
    return { rules: record.value, version: record.version };
  }

  /**
   * Validates and saves the whole list; 400 naming the field for a bad rule
   * or one that refers to a server that does not exist, 409 when the version
   * is stale. Audited as one change of the rule list.
   */
  async putOutgoing(
    body: unknown,
    context: ChangeContext,
  ): Promise<EmailRuleList> {
    const result = validateOutgoingRules(body);
    if (!result.ok) {
      throw new InputError(
        describeIssues('outgoing email rules', result.issues),
      );
    }
    const issues = await this.referenceIssues(result.value);
    if (issues.length > 0) {
      throw new InputError(describeIssues('outgoing email rules', issues));
    }
    const rules: EmailRule[] = result.value.rules.map(r => ({
      ...r,
      id: r.id || randomUUID(),
    }));
    const before = await this.outgoing();
    const { stores, audit } = this.deps;
    const announce = await stores.transaction(async tx => {
      await stores.preferences.put(
        OUTGOING,
        result.value.version,
        rules,
        context.actor,
        tx,
      );
      return audit.record(
        {
          action: 'update',
          target: 'outgoing-rules',
          targetId: OUTGOING,
          targetName: 'Outgoing Email Rules',
          changes: diffViews(auditView(before.rules), auditView(rules)),
        },
        context,
        tx,
      );
    });
    await announce();
    return this.outgoing();
  }

  /** The names of the outgoing rules that send through a server: it may not be deleted. */
  async rulesUsingServer(serverId: string): Promise<string[]> {
    const { rules } = await this.outgoing();
    return rules
      .filter(r => r.actions.some(a => a.serverId === serverId))
      .map(r => r.name);
  }

  /** The names of the outgoing rules that name this mailbox (by id or address) in a condition. */
  async rulesNamingMailbox(id: string, email: string): Promise<string[]> {
    const names = new Set([id, email].map(v => v.toLocaleLowerCase('en-US')));
    const { rules } = await this.outgoing();
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

  private async referenceIssues(
    input: OutgoingRulesInput,
  ): Promise<FieldIssue[]> {
    const { stores } = this.deps;
    const outgoing = new Set(
      (await stores.outgoingServers.list()).map(s => s.id),
    );
    const mailboxes = new Set(
      (await stores.incomingServers.list()).flatMap(s => [
        s.id,
        s.email.toLocaleLowerCase('en-US'),
      ]),
    );
    const issues: FieldIssue[] = [];
    input.rules.forEach((rule, r) => {
      rule.actions.forEach((action, a) => {
        if (!outgoing.has(action.serverId)) {
          issues.push({
            field: `rules.${r}.actions.${a}.serverId`,
            message: `is not a configured outgoing server (${action.serverId})`,
          });
        }
      });
      rule.conditions.forEach((condition, c) => {
        const exact =
          condition.operator === 'is' || condition.operator === 'isNot';
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
    });
    return issues;
  }
}

/** The rule list as the audit trail compares it: by rule name, with its position. */
function auditView(rules: EmailRule[]) {
  return Object.fromEntries(
    rules.map((rule, position) => [
      rule.name,
      {
        position: position + 1,
        enabled: rule.enabled,
        match: rule.match,
        conditions: rule.conditions,
        server: rule.actions.map(a => a.serverId).join(', '),
        stopProcessing: rule.stopProcessing,
      },
    ]),
  );
}
