import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import type MailMessage from 'nodemailer/lib/mailer/mail-message';

function built(mail: MailMessage): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    mail.message.build((error, raw) => (error ? reject(error) : resolve(raw))),
  );
}

/**
 * A nodemailer transport for a server that takes the whole MIME message in
 * one call (Microsoft Graph's sendMail, EWS CreateItem): `send` gets the
 * built bytes and rejects with a TransportSendError.
 */
export function messageTransport(
  name: string,
  send: (raw: Buffer) => Promise<void>,
): Transporter {
  return createTransport({
    name,
    version: '1.0',
    send: (
      mail: MailMessage,
      callback: (error: Error | null, info?: unknown) => void,
    ) => {
      built(mail)
        .then(send)
        .then(
          () =>
            callback(null, {
              envelope: mail.message.getEnvelope(),
              messageId: mail.message.messageId(),
              accepted: [],
              rejected: [],
            }),
          error => callback(error),
        );
    },
  } as any) as Transporter<any, SendMailOptions>;
}
