import { InputError } from '@backstage/errors';
import {
  describeIssues,
  EmailRule,
  EmailRuleList,
  FieldIssue,
  IncomingEmailRule,
  IncomingEmailRuleList,
  OutgoingRulesInput,
  validateIncomingRules,
  validateOutgoingRules,
} from '@internal/plugin-emails-common';
import { randomUUID } from 'node:crypto';
import { ChangeContext } from '../audit/ConfigAuditRecorder';
import { diffViews } from '../servers/changes';
import { mailboxNames, rulesNaming, unknownMailboxIssues } from './references';
import { SettingsCache, SettingsServiceDeps } from './settingsCache';

const OUTGOING = 'outgoing-email-rules';
const INCOMING = 'incoming-email-rules';

/** The names of the rule documents, as settings-change events name them. */
export const RULE_DOCUMENTS = [INCOMING, OUTGOING];

/** How one rule list is saved and audited. */
interface RuleDocument<R> {
  name: string;
  target: string;
  title: string;
  what: string;
  auditView: (rules: R[]) => Record<string, unknown>;
}

const OUTGOING_DOCUMENT: RuleDocument<EmailRule> = {
  name: OUTGOING,
  target: 'outgoing-rules',
  title: 'Outgoing Email Rules',
  what: 'outgoing email rules',
  auditView: rules =>
    auditView(rules, rule => ({
      server: rule.actions.map(a => a.serverId).join(', '),
    })),
};

const INCOMING_DOCUMENT: RuleDocument<IncomingEmailRule> = {
  name: INCOMING,
  target: 'incoming-rules',
  title: 'Incoming Email Rules',
  what: 'incoming email rules',
  auditView: rules => auditView(rules, rule => ({ actions: rule.actions })),
};

/**
 * The incoming (seeds 001, 002) and outgoing (seed 002) email rules, each an
 * ordered list saved as one versioned document. Every message reads the
 * incoming list, so each list is kept by its version (see SettingsCache): a
 * save here drops the copy at once, `onSaved` tells other replicas.
 */
export class RuleService {
  private readonly caches = new Map<string, SettingsCache<unknown[]>>();

  constructor(private readonly deps: SettingsServiceDeps) {
    const { preferences } = deps.stores;
    for (const name of RULE_DOCUMENTS) {
      this.caches.set(
        name,
        new SettingsCache({
          load: () => preferences.get<unknown[]>(name, []),
          version: () => preferences.version(name),
          recheckMs: deps.recheckMs,
          now: deps.now,
        }),
      );
    }
  }

  /** Drops the kept copy of a rule list: another replica saved it (a settings-change event). */
  forget(document: string): void {
    this.caches.get(document)?.invalidate();
  }

  /** The saved outgoing rules in order; an empty list at version 0 before the first save. */
  async outgoing(): Promise<EmailRuleList> {
    return this.load<EmailRule>(OUTGOING);
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
    return this.save(OUTGOING_DOCUMENT, result.value, context);
  }

  /** The saved incoming rules in order; an empty list at version 0 before the first save. */
  async incoming(): Promise<IncomingEmailRuleList> {
    return this.load<IncomingEmailRule>(INCOMING);
  }

  /**
   * Validates and saves the whole incoming list; 400 naming the field (a bad
   * rule, a regular expression that does not compile or is too long, a
   * mailbox that does not exist), 409 when the version is stale. Audited.
   */
  async putIncoming(
    body: unknown,
    context: ChangeContext,
  ): Promise<IncomingEmailRuleList> {
    const result = validateIncomingRules(body);
    const what = INCOMING_DOCUMENT.what;
    if (!result.ok) {
      throw new InputError(describeIssues(what, result.issues));
    }
    const mailboxes = await mailboxNames(this.deps.stores);
    const issues = result.value.rules.flatMap((rule, r) =>
      unknownMailboxIssues(rule, r, mailboxes),
    );
    if (issues.length > 0) {
      throw new InputError(describeIssues(what, issues));
    }
    return this.save(INCOMING_DOCUMENT, result.value, context);
  }

  private async load<R>(name: string): Promise<EmailRuleList<R>> {
    const record = await this.caches.get(name)!.get();
    // A copy of the list: callers may sort or extend it.
    return { rules: [...(record.value as R[])], version: record.version };
  }

  /** Saves a validated list with ids for new rules, and its audit entry, in one transaction. */
  private async save<R extends { id?: string }>(
    document: RuleDocument<R & { id: string }>,
    input: { version: number; rules: R[] },
    context: ChangeContext,
  ): Promise<EmailRuleList<R & { id: string }>> {
    const rules = input.rules.map(r => ({ ...r, id: r.id || randomUUID() }));
    // The audit compares with what is saved now, not a kept copy.
    this.forget(document.name);
    const before = await this.load<R & { id: string }>(document.name);
    const { stores, audit } = this.deps;
    const announce = await stores.transaction(async tx => {
      await stores.preferences.put(
        document.name,
        input.version,
        rules,
        context.actor,
        tx,
      );
      return audit.record(
        {
          action: 'update',
          target: document.target,
          targetId: document.name,
          targetName: document.title,
          changes: diffViews(
            document.auditView(before.rules),
            document.auditView(rules),
          ),
        },
        context,
        tx,
      );
    });
    this.forget(document.name);
    await announce();
    await this.deps.onSaved?.(document.name).catch(() => undefined);
    return this.load(document.name);
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
    return rulesNaming((await this.outgoing()).rules, id, email);
  }

  /** The names of the incoming rules that name this mailbox (by id or address) in a condition. */
  async incomingRulesNamingMailbox(
    id: string,
    email: string,
  ): Promise<string[]> {
    return rulesNaming((await this.incoming()).rules, id, email);
  }

  private async referenceIssues(
    input: OutgoingRulesInput,
  ): Promise<FieldIssue[]> {
    const { stores } = this.deps;
    const outgoing = new Set(
      (await stores.outgoingServers.list()).map(s => s.id),
    );
    const mailboxes = await mailboxNames(stores);
    return input.rules.flatMap((rule, r) => [
      ...rule.actions.flatMap((action, a) =>
        outgoing.has(action.serverId)
          ? []
          : [
              {
                field: `rules.${r}.actions.${a}.serverId`,
                message: `is not a configured outgoing server (${action.serverId})`,
              },
            ],
      ),
      ...unknownMailboxIssues(rule, r, mailboxes),
    ]);
  }
}

/** A rule list as the audit trail compares it: by rule name, with its position. */
function auditView<R extends EmailRule<any, any>>(
  rules: R[],
  what: (rule: R) => Record<string, unknown>,
) {
  return Object.fromEntries(
    rules.map((rule, position) => [
      rule.name,
      {
        position: position + 1,
        enabled: rule.enabled,
        match: rule.match,
        conditions: rule.conditions,
        ...what(rule),
        stopProcessing: rule.stopProcessing,
      },
    ]),
  );
}
