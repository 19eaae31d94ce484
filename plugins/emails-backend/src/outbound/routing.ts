import { EmailRule, OutboundRoute } from '@internal/plugin-emails-common';
import { MailServerRecord, OutboundRouting } from '../database';
import { matchingRules, RuleFacts } from '../rules';

/** The facts an outgoing rule looks at, from what a queued message knows of its ticket. */
export function routingFacts(
  routing: OutboundRouting,
  mailbox: MailServerRecord | undefined,
): RuleFacts {
  const requester = routing.requesterEmail;
  const one = (value: string | undefined) => (value ? [value] : undefined);
  return {
    technicianGroup: one(routing.technicianGroup),
    category: one(routing.category),
    requesterEmail: one(requester),
    requesterDomain: one(requester?.slice(requester.lastIndexOf('@') + 1)),
    mailbox: mailbox ? [mailbox.id, mailbox.email] : one(routing.mailboxId),
    subject: one(routing.subject),
  };
}

/**
 * Picks the outgoing server of a message, before any primary fallback (issue
 * 6): the server the technician or sending plugin chose; else the first
 * matching outgoing rule whose server is enabled; else the mailbox's linked
 * outgoing server when enabled; else the primary.
 */
export function routeMessage(
  message: { preferredServerId?: string; routing: OutboundRouting },
  context: {
    rules: EmailRule[];
    incoming: MailServerRecord[];
    outgoing: MailServerRecord[];
  },
): OutboundRoute {
  if (message.preferredServerId) {
    return { serverId: message.preferredServerId, by: 'chosen' };
  }
  const enabled = new Set(
    context.outgoing.filter(s => s.enabled).map(s => s.id),
  );
  const mailbox = context.incoming.find(
    s => s.id === message.routing.mailboxId,
  );
  const facts = routingFacts(message.routing, mailbox);
  for (const rule of matchingRules(context.rules, facts)) {
    const action = rule.actions.find(a => a.type === 'useOutgoingServer');
    if (action && enabled.has(action.serverId)) {
      return { serverId: action.serverId, by: 'rule', ruleName: rule.name };
    }
  }
  if (mailbox?.outgoingServerId && enabled.has(mailbox.outgoingServerId)) {
    return { serverId: mailbox.outgoingServerId, by: 'mailbox' };
  }
  return { by: 'primary' };
}
