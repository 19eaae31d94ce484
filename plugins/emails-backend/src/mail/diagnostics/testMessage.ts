import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';

/** The test message of an outgoing Test Connection and its Message-ID. */
export interface TestMessage {
  raw: Buffer;
  messageId: string;
}

/** Composes the small message sent by Test Connection with `sendTestTo`. */
export async function composeTestMessage(options: {
  from: string;
  to: string;
  clientName: string;
}): Promise<TestMessage> {
  const domain = /@([^@\s>]+)$/.exec(options.from)?.[1] ?? options.clientName;
  const messageId = `<${randomUUID()}@${domain}>`;
  const raw = await new MailComposer({
    from: options.from,
    to: options.to,
    subject: 'Test Connection: outgoing email server works',
    text: 'This message was sent by Test Connection to check the outgoing email server. No reply is needed.',
    messageId,
    date: new Date(),
    // Tells auto-responders not to answer (RFC 3834).
    headers: { 'Auto-Submitted': 'auto-generated' },
  })
    .compile()
    .build();
  return { raw, messageId };
}
