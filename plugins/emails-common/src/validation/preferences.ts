import { z } from 'zod';
import {
  DEFAULT_NOTIFICATION_TEMPLATES,
  NOTIFICATION_PLACEHOLDERS,
  NotificationKind,
  placeholdersIn,
} from '../notifications';
import {
  DEFAULT_SUBJECT_REFERENCE_FORMAT,
  subjectReferenceFormatProblem,
} from '../subjectReference';
import {
  line,
  requiredLine,
  validateWith,
  Validated,
  wholeNumber,
} from './fields';

/** A notification template: known placeholders only, the reference in the subject. */
function template(kind: NotificationKind) {
  const allowed = NOTIFICATION_PLACEHOLDERS[kind];
  const known = (text: string) =>
    placeholdersIn(text).every(name => allowed.includes(name));
  const unknownMessage = `may use only the placeholders ${allowed
    .map(p => `{{${p}}}`)
    .join(', ')}`;
  return z
    .object({
      subject: requiredLine(250)
        .refine(
          v => placeholdersIn(v).includes('reference'),
          'must contain {{reference}}',
        )
        .refine(known, unknownMessage),
      text: z
        .string({ invalid_type_error: 'must be text' })
        .max(20_000, 'must be at most 20000 characters')
        .refine(v => v.trim().length > 0, 'is required')
        .refine(known, unknownMessage),
      html: z
        .string({ invalid_type_error: 'must be text' })
        .max(50_000, 'must be at most 50000 characters')
        .refine(known, unknownMessage)
        .optional(),
    })
    .strict();
}

const preferencesShape = z
  .object({
    /** Seed 002: "Enable Email to Ticket". */
    emailToTicket: z.boolean().default(true),
    /** Seed 002: "Allow Guest User to generate request from E-mail to Ticket". */
    allowGuestRequests: z.boolean().default(true),
    /** Seed 002: "Select Recipient Type Considered as CC User for Requests". */
    ccRecipientTypes: z
      .array(z.enum(['to', 'cc']))
      .max(2)
      .transform(types => [...new Set(types)])
      .default(['to', 'cc']),
    /** Seed 002: "Use Reply-To email address to create Requester?". */
    useReplyToAsRequester: z.boolean().default(false),
    /** Seed 002: "For forwarded emails by Technicians, consider original sender as Requester". */
    forwardedByTechnicianUsesOriginalSender: z.boolean().default(false),
    /** Seed 002: "Allow User to select Outgoing Email". */
    allowUserToSelectOutgoing: z.boolean().default(false),
    /** Seed 002: "On reply received from requester for closed request". */
    closedRequestReply: z
      .object({
        action: z.enum(['add', 'reopen', 'new']),
        graceDays: wholeNumber(1, 365).default(7),
      })
      .strict()
      .default({ action: 'reopen', graceDays: 7 }),
    /** Seed 002: "On reply email received from other than assigned technician on request". */
    otherTechnicianReply: z
      .enum(['collaboration', 'reply'])
      .default('collaboration'),
    /**
     * "Replies from someone outside the conversation": a sender who is not
     * the requester, a CC user nor a technician but quotes our signed token
     * (a forwarded acknowledgement, say). `note`: an internal note for a
     * technician to publish or dismiss; `reply`: added as a reply;
     * `new-ticket`: opens a ticket of its own.
     */
    outsideConversationReply: z
      .enum(['note', 'reply', 'new-ticket'])
      .default('note'),
    /** Ticket reference in subjects; `{number}` is the ticket number. */
    subjectReferenceFormat: line(50)
      // The parser threading uses decides: a format it cannot read back is refused.
      .superRefine((format, ctx) => {
        const problem = subjectReferenceFormatProblem(format);
        if (problem)
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      })
      .default(DEFAULT_SUBJECT_REFERENCE_FORMAT),
    /** Limits for inbound mail (seed 003's attachment validation). */
    limits: z
      .object({
        maxMessageSizeMb: wholeNumber(1, 150).default(25),
        maxAttachmentSizeMb: wholeNumber(1, 150).default(20),
        maxInlineImageSizeMb: wholeNumber(1, 150).default(3),
        blockedExtensions: z
          .array(
            line(20).regex(/^[a-z0-9]+$/i, 'must be an extension without dot'),
          )
          .default([
            'exe',
            'bat',
            'cmd',
            'com',
            'scr',
            'js',
            'vbs',
            'msi',
            'ps1',
            'jar',
          ]),
      })
      .strict()
      .default({}),
    /** Mail the channel sends by itself. */
    notifications: z
      .object({
        /** Acknowledge a ticket created by email to its requester. */
        acknowledgeNewTickets: z.boolean().default(true),
        /**
         * "Acknowledge new requests from": `verified` senders only (the From
         * domain passed DMARC or aligned SPF, or the requester is a catalog
         * user), so forged senders get no mail from us (backscatter); `all`.
         */
        acknowledgeSenders: z.enum(['verified', 'all']).default('verified'),
        /** Tell the requester when a technician closes their ticket. */
        notifyOnClose: z.boolean().default(true),
        templates: z
          .object({
            acknowledgement: template('acknowledgement').default(
              DEFAULT_NOTIFICATION_TEMPLATES.acknowledgement,
            ),
            ticketClosed: template('ticketClosed').default(
              DEFAULT_NOTIFICATION_TEMPLATES.ticketClosed,
            ),
          })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
    /** Loop protection and duplicate detection. */
    loopProtection: z
      .object({
        excludeAutoReplies: z.boolean().default(true),
        autoRepliesPerRecipientPerHour: wholeNumber(1, 1000).default(5),
        autoRepliesPerTicketPerHour: wholeNumber(1, 1000).default(10),
        duplicateWindowHours: wholeNumber(1, 720).default(72),
      })
      .strict()
      .default({}),
    version: z.number().int().optional(),
  })
  .strict();

/** The Email Preference (seed 002) with the channel's limits. */
export type EmailPreferences = Omit<
  z.output<typeof preferencesShape>,
  'version'
>;

/** The Email Preference when nobody has saved one. */
export const DEFAULT_EMAIL_PREFERENCES: EmailPreferences = (() => {
  const { version: _v, ...rest } = preferencesShape.parse({});
  return rest;
})();

/** Validates an Email Preference document. */
export function validateEmailPreferences(
  body: unknown,
): Validated<EmailPreferences & { version?: number }> {
  return validateWith(preferencesShape, body);
}
