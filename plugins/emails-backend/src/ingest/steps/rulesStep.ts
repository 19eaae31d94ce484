import { IncomingEmailRule } from '@internal/plugin-emails-common';
import { ParsedMail } from 'mailparser';
import {
  evaluateIncomingRules,
  incomingRuleFacts,
  IncomingRulesOutcome,
  RegexLimits,
} from '../../rules';
import { classifiedOf, IngestStep, mailOf } from '../pipeline/context';
import { StopProcessing, Trace } from '../trace';
import { addressesOf } from './parse';
import { senderOf } from './sender';

/** Where the rules step gets the incoming email rules, in order. */
export type IncomingRulesSource = () => Promise<IncomingEmailRule[]>;

/**
 * Step 6: the incoming email rules, loaded once per message. Every rule's
 * verdict and why go into the trace. Ignore and quarantine end processing
 * of any message; the ticket fields are applied by the ticket step, and
 * only to a ticket the message opens (a reply does not re-route its ticket).
 */
export function rulesStep(deps: {
  incomingRules?: IncomingRulesSource;
  regexLimits?: RegexLimits;
}): IngestStep {
  return {
    name: 'rules',
    async run(ctx) {
      const rules = deps.incomingRules ? await deps.incomingRules() : [];
      if (rules.length === 0) return;
      const mail = mailOf(ctx);
      const classified = classifiedOf(ctx);
      const facts = incomingRuleFacts({
        mailbox: { id: ctx.server.id, email: ctx.server.email },
        from: senderOf(mail)?.address,
        to: addressesOf(mail.to).map(a => a.address),
        cc: addressesOf(mail.cc).map(a => a.address),
        subject: mail.subject,
        body: mail.text,
        headers: headersOf(mail),
        attachmentNames: mail.attachments.map(a => a.filename ?? ''),
        authentication: classified.authentication,
        automatic: classified.automatic.kind !== 'human',
      });
      const outcome = evaluateIncomingRules(rules, facts, {
        regexLimits: deps.regexLimits,
      });
      ctx.rules = outcome;
      traceRules(outcome, ctx.trace);
      stopWhenDisposed(outcome);
    },
  };
}

/** Each rule's verdict, its conditions' explanations and what it applied. */
function traceRules(outcome: IncomingRulesOutcome, trace: Trace) {
  for (const rule of outcome.rules) {
    trace.add('rules', `'${rule.ruleName}': ${rule.status}`, {
      ruleId: rule.ruleId,
      ...(rule.reason ? { reason: rule.reason } : {}),
      conditions: rule.conditions.map(c => c.explanation),
      ...(rule.applied ? { applied: rule.applied } : {}),
    });
  }
}

/** Ignore or quarantine, named after the first matched rule that asked for it. */
function stopWhenDisposed(outcome: IncomingRulesOutcome) {
  const disposition = outcome.actions.disposition;
  if (!disposition) return;
  const rule = outcome.matched.find(r =>
    r.actions.some(a => a.type === disposition),
  );
  throw new StopProcessing(
    disposition === 'ignore' ? 'ignored' : 'quarantined',
    `Incoming email rule '${rule?.name ?? ''}'`,
  );
}

/** Every header by name, each occurrence unfolded, as the rules compare them. */
function headersOf(mail: ParsedMail): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const { key, line } of mail.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    (headers[key] ??= []).push(value);
  }
  return headers;
}
