import { ConflictError, InputError } from '@backstage/errors';
import {
  describeIssues,
  validateOutboundSend,
} from '@internal/plugin-emails-common';
import { randomUUID } from 'node:crypto';
import { Stores } from '../database';
import { composeOutbound } from './compose';
import { OutboundQueue } from './queue';

/**
 * Mail other backend plugins send through emailsServiceRef: checked like a
 * technician's reply, composed once from the chosen (else primary) server's
 * identity, then queued, so the outgoing rules, primary fallback and retries
 * apply to it as to our own mail.
 */
export class PluginSender {
  constructor(
    private readonly deps: {
      stores: Stores;
      queue: OutboundQueue;
      messageIdDomain: string;
    },
  ) {}

  async send(
    body: unknown,
    caller: string,
  ): Promise<{ id: string; messageId: string }> {
    const result = validateOutboundSend(body);
    if (!result.ok) {
      throw new InputError(describeIssues('message', result.issues));
    }
    const input = result.value;
    const servers = await this.deps.stores.outgoingServers.list();
    const chosen = input.outgoingServerId
      ? servers.find(s => s.id === input.outgoingServerId)
      : undefined;
    if (input.outgoingServerId && !chosen) {
      throw new InputError(
        `Invalid message: outgoingServerId ${input.outgoingServerId} is not a configured outgoing server`,
      );
    }
    const identity = chosen ?? servers.find(s => s.primary && s.enabled);
    if (!identity) {
      throw new ConflictError(
        'No outgoing email server is configured: add one under Outgoing Email Servers',
      );
    }
    const composed = await composeOutbound(identity, {
      // Keys are per calling plugin, so two plugins cannot collide.
      idempotencyKey: `plugin:${caller}:${
        input.idempotencyKey ?? randomUUID()
      }`,
      to: input.to,
      cc: input.cc,
      bcc: input.bcc,
      subject: input.subject,
      text: input.text,
      html: input.html,
      replyTo: input.replyTo,
      messageId: `<${randomUUID()}@${this.deps.messageIdDomain}>`,
      headers: {
        'X-Loop': this.deps.messageIdDomain,
        ...(input.automatic ? { 'Auto-Submitted': 'auto-generated' } : {}),
      },
    });
    const queued = await this.deps.queue.enqueue({
      ...composed,
      // Only a server the caller named is a choice; otherwise the rules decide.
      preferredServerId: chosen?.id,
      routing: input.routing,
    });
    return { id: queued.id, messageId: composed.messageId };
  }
}
