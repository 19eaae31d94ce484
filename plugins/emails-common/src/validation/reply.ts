import { z } from 'zod';
import {
  emailAddress,
  line,
  requiredLine,
  validateWith,
  Validated,
} from './fields';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const replyShape = z
  .object({
    /** The reply as plain text; line breaks allowed. */
    body: z
      .string({ invalid_type_error: 'must be text' })
      .max(100_000, 'must be at most 100000 characters')
      .refine(v => v.trim().length > 0, 'is required'),
    html: z
      .string()
      .max(200_000, 'must be at most 200000 characters')
      .optional(),
    cc: z
      .array(emailAddress)
      .max(50, 'must list at most 50 addresses')
      .default([]),
    outgoingServerId: line(100).optional(),
    attachments: z
      .array(
        z
          .object({
            filename: requiredLine(200),
            contentType: line(100).regex(
              /^[\w.+-]+\/[\w.+-]+$/,
              'must be a media type like application/pdf',
            ),
            contentBase64: z.string().regex(BASE64, 'must be base64'),
          })
          .strict(),
      )
      .max(20, 'must be at most 20 files')
      .default([]),
  })
  .strict();

/** A technician's reply as a client sends it (POST /tickets/:id/replies). */
export type TicketReplyInput = z.output<typeof replyShape>;

/** Validates a technician's reply; CR/LF can never reach a header. */
export function validateTicketReply(
  body: unknown,
): Validated<TicketReplyInput> {
  return validateWith(replyShape, body);
}

const closeShape = z
  .object({
    /** How the request was solved; kept as a note on the ticket and told to the requester. */
    resolution: z
      .string({ invalid_type_error: 'must be text' })
      .max(20_000, 'must be at most 20000 characters')
      .optional(),
    /** Overrides the Email Preference's "notify on close" for this ticket. */
    notifyRequester: z
      .boolean({ invalid_type_error: 'must be true or false' })
      .optional(),
  })
  .strict();

/** Closing a ticket (POST /tickets/:id/close). */
export type TicketCloseInput = z.output<typeof closeShape>;

/** Validates the body of a close. */
export function validateTicketClose(
  body: unknown,
): Validated<TicketCloseInput> {
  return validateWith(closeShape, body);
}
