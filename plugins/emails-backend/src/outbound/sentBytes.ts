import { isEmailAddress } from '@internal/plugin-emails-common';
import { MailServerRecord, OutboundMessage } from '../database';

/**
 * Sent through another server than the From address belongs to (the primary
 * fallback), the message names that server's mailbox in a Sender header
 * (RFC 5322 3.6.2); otherwise the queued bytes go out unchanged.
 */
function withSender(
  message: OutboundMessage,
  server: MailServerRecord,
): Buffer {
  if (server.email.toLowerCase() === message.from.toLowerCase()) {
    return message.raw;
  }
  if (!isEmailAddress(server.email)) return message.raw;
  return Buffer.concat([
    Buffer.from(`Sender: <${server.email}>\r\n`),
    message.raw,
  ]);
}

/** Graph and EWS take their recipients from the MIME headers (and drop Bcc when they send). */
function withBcc(raw: Buffer, bcc: string[]): Buffer {
  if (bcc.length === 0) return raw;
  return Buffer.concat([Buffer.from(`Bcc: ${bcc.join(', ')}\r\n`), raw]);
}

/** The bytes a server sends for a queued message: a Sender header when needed, Bcc for Graph and EWS. */
export function bytesToSend(
  message: OutboundMessage,
  server: MailServerRecord,
): Buffer {
  const raw = withSender(message, server);
  return server.protocol === 'graph' || server.protocol === 'ews'
    ? withBcc(raw, message.bcc)
    : raw;
}
