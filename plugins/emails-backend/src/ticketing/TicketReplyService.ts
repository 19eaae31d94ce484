import { ConflictError, InputError } from '@backstage/errors';
import {
  describeIssues,
  EmailPreferences,
  FieldIssue,
  formattedTextToHtml,
  TicketReplyInput,
  validateTicketReply,
} from '@internal/plugin-emails-common';
import { randomUUID } from 'node:crypto';
import {
  AttachmentLimits,
  attachmentLimitsOf,
  attachmentProblem,
  fileNameProblem,
  safeFilename,
} from '../attachments/rules';
import { sanitizeMailHtml } from '../ingest/steps/sanitize';
import { ownAddressesOf } from '../notifications/recipients';
import { buildReplyMessage } from './replyMessage';
import { routingOf, TicketMailDeps, ticketSender } from './ticketMail';

/**
 * The reply's files under the rules inbound mail meets (src/attachments/):
 * a refused file is a 400 naming it and why, so nothing goes out unchecked.
 */
async function replyAttachments(
  files: TicketReplyInput['attachments'],
  prefs: EmailPreferences,
) {
  const limits = attachmentLimitsOf(prefs.limits);
  const issues: FieldIssue[] = [];
  const checked = [];
  for (const [index, file] of files.entries()) {
    const filename = safeFilename(file.filename, `attachment-${index + 1}`);
    const content = Buffer.from(file.contentBase64, 'base64');
    const issue = await fileIssue(file.filename, filename, content, limits);
    if (issue)
      issues.push({ ...issue, field: `attachments.${index}.${issue.field}` });
    checked.push({ filename, contentType: file.contentType, content });
  }
  if (issues.length) throw new InputError(describeIssues('reply', issues));
  return checked;
}

async function fileIssue(
  sent: string,
  filename: string,
  content: Buffer,
  limits: AttachmentLimits,
): Promise<FieldIssue | undefined> {
  const badName = fileNameProblem(sent);
  if (badName) return { field: 'filename', message: badName };
  const problem = await attachmentProblem(
    { filename, content, inline: false },
    limits,
  );
  if (!problem) return undefined;
  return {
    field: problem.of === 'filename' ? 'filename' : 'contentBase64',
    message: `${JSON.stringify(filename)} is refused: ${problem.reason}`,
  };
}

/** A technician answering a ticket from its page: stored on the ticket, then emailed. */
export class TicketReplyService {
  constructor(
    private readonly deps: TicketMailDeps & {
      preferences: () => Promise<EmailPreferences>;
      /** The technician's name in the conversation; the email still comes from the mailbox. */
      displayName?: (userEntityRef: string) => Promise<string>;
    },
  ) {}

  /** Validates, stores the reply as a conversation entry and queues its email. */
  async reply(
    ticketId: string,
    body: unknown,
    author: { userEntityRef: string },
  ): Promise<{ entryId: string; outboundId: string }> {
    const result = validateTicketReply(body);
    if (!result.ok)
      throw new InputError(describeIssues('reply', result.issues));
    const input = result.value;
    const { stores } = this.deps;
    const prefs = await this.deps.preferences();
    const attachments = await replyAttachments(input.attachments, prefs);
    const ticket = await stores.tickets.get(ticketId);
    if (input.outgoingServerId && !prefs.allowUserToSelectOutgoing) {
      throw new InputError(
        'Invalid reply: outgoingServerId may be chosen only when Allow User to select Outgoing Email is on',
      );
    }
    const preferredServerId = input.outgoingServerId;
    if (preferredServerId)
      await stores.outgoingServers.get(preferredServerId).catch(() => {
        throw new InputError(
          `Invalid reply: outgoingServerId ${preferredServerId} is not a configured outgoing server`,
        );
      });
    const sender = await ticketSender(stores, ticket.serverId);
    if (!sender)
      throw new ConflictError(
        'No outgoing email server is configured: add one under Outgoing Email Servers',
      );
    const from = sender.address;
    // Mail to ourselves would come back in as a loop.
    const own = await ownAddressesOf(stores);
    if (own.has(ticket.requester.email.toLocaleLowerCase('en-US'))) {
      throw new ConflictError(
        `Ticket ${ticketId}'s requester ${ticket.requester.email} is one of our own addresses; the reply is not sent`,
      );
    }
    // The composer's formatted text (a Markdown subset) becomes the HTML part.
    const html = sanitizeMailHtml(
      input.html ?? formattedTextToHtml(input.body),
    );
    const idempotencyKey = `reply:${randomUUID()}`;
    // Kept like inbound files, so the ticket lists what the requester received.
    const attachmentIds = await stores.attachments.save(
      idempotencyKey,
      attachments.map(file => ({ ...file, inline: false })),
    );
    const entryId = await stores.tickets.appendEntry(
      ticketId,
      {
        idempotencyKey,
        kind: 'reply',
        author: {
          email: from,
          name:
            (await this.deps.displayName?.(author.userEntityRef)) ??
            sender.name,
          userEntityRef: author.userEntityRef,
        },
        text: input.body,
        html,
      },
      (id, tx) => stores.attachments.link(id, attachmentIds, tx),
    );
    const undeliverable = new Set(
      (await stores.tickets.undeliverable(ticketId)).map(u => u.address),
    );
    const cc = [
      ...new Set([
        ...ticket.ccEmails,
        ...input.cc.map(c => c.toLocaleLowerCase('en-US')),
      ]),
    ].filter(
      a => !undeliverable.has(a) && !own.has(a) && a !== ticket.requester.email,
    );
    const message = await buildReplyMessage(
      {
        ticketId,
        entryId,
        title: ticket.title,
        subjectFormat: prefs.subjectReferenceFormat,
        from: sender,
        to: [ticket.requester.email],
        cc,
        text: input.body,
        html,
        earlierMessageIds: await stores.inboundMessages.messageIdsOfTicket(
          ticketId,
        ),
        attachments,
        messageIdDomain: this.deps.messageIdDomain,
      },
      this.deps.tokens,
    );
    const queued = await this.deps.queue.enqueue({
      idempotencyKey,
      ticketId,
      preferredServerId,
      routing: routingOf(ticket),
      from,
      to: [ticket.requester.email],
      cc,
      subject: message.subject,
      messageId: message.messageId,
      raw: message.raw,
    });
    return { entryId, outboundId: queued.id };
  }
}
