import { z } from 'zod';
import {
  emailAddress,
  groupRef,
  line,
  requiredLine,
  validateWith,
  Validated,
} from './fields';

const addresses = (max: number) =>
  z.array(emailAddress).max(max, `must list at most ${max} addresses`);

const sendShape = z
  .object({
    to: addresses(50).min(1, 'must list at least one address'),
    cc: addresses(50).default([]),
    bcc: addresses(50).default([]),
    subject: requiredLine(250),
    text: z
      .string({ invalid_type_error: 'must be text' })
      .max(200_000, 'must be at most 200000 characters')
      .refine(v => v.trim().length > 0, 'is required'),
    html: z
      .string({ invalid_type_error: 'must be text' })
      .max(500_000, 'must be at most 500000 characters')
      .optional(),
    replyTo: emailAddress.optional(),
    /** The outgoing server to send through; otherwise the outgoing rules decide. */
    outgoingServerId: line(100).optional(),
    /** What the outgoing email rules may look at. */
    routing: z
      .object({
        mailboxId: line(100).optional(),
        technicianGroup: groupRef.optional(),
        category: line(200).optional(),
        requesterEmail: emailAddress.optional(),
        subject: line(250).optional(),
      })
      .strict()
      .default({}),
    /** The same key queues the message once (per calling plugin). */
    idempotencyKey: line(200).optional(),
    /** Mail nobody typed: sent with Auto-Submitted: auto-generated. */
    automatic: z.boolean().default(false),
  })
  .strict();

/** A message another backend plugin sends through the emails channel (POST /outbound). */
export type OutboundSendRequest = z.input<typeof sendShape>;

/** A validated {@link OutboundSendRequest} with defaults filled. */
export type OutboundSendInput = z.output<typeof sendShape>;

/** Validates a send request; CR/LF can never reach a header, addresses are checked strictly. */
export function validateOutboundSend(
  body: unknown,
): Validated<OutboundSendInput> {
  return validateWith(sendShape, body);
}
