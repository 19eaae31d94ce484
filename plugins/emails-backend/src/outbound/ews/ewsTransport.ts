import {
  EmailMessage,
  MimeContent,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { Transporter } from 'nodemailer';
import { MailServerRecord } from '../../database';
import { EwsProblem } from '../../mail/ews/ewsProblem';
import { EwsCallError, EwsSession } from '../../mail/ews/ewsSession';
import { ewsTarget } from '../../mail/ews/ewsTarget';
import { messageTransport } from '../messageTransport';
import { TransportSendError } from '../sendErrors';

// Answers that say this account cannot send from this mailbox: fall back.
const SERVER_CODES = new Set([
  'ErrorAccessDenied',
  'ErrorSendAsDenied',
  'ErrorImpersonateUserDenied',
  'ErrorNonExistentMailbox',
  'ErrorInvalidExchangeImpersonationHeaderData',
]);
// Answers about this message that sending again will not change.
const MESSAGE_CODES = new Set([
  'ErrorMimeContentConversionFailed',
  'ErrorMimeContentInvalid',
  'ErrorMessageSizeExceeded',
  'ErrorInvalidRecipients',
  'ErrorQuotaExceeded',
]);

/** An EWS refusal as the outbound worker classifies it. */
export function sendErrorOf(problem: EwsProblem): TransportSendError {
  const text = `EWS CreateItem failed: ${problem.text}`;
  if (
    problem.status === 401 ||
    problem.status === 403 ||
    (problem.code && SERVER_CODES.has(problem.code))
  ) {
    return new TransportSendError(text, 'EAUTH', problem.status);
  }
  if (problem.code === 'ErrorServerBusy') {
    return new TransportSendError(text, undefined, 450, problem.backOffMs);
  }
  if (problem.code && MESSAGE_CODES.has(problem.code)) {
    return new TransportSendError(text, undefined, 554);
  }
  if (!problem.code) {
    // No EWS answer at all: the endpoint is down or unreachable.
    return new TransportSendError(text, 'ECONNECTION', problem.status);
  }
  return new TransportSendError(text, undefined, 451);
}

/**
 * A nodemailer transport that sends through Exchange Web Services: CreateItem
 * with the MIME message and SendAndSaveCopy, so the mail is in the mailbox's
 * Sent Items (ews-javascript-api). One session per message: its OAuth token
 * is fresh, renewed once when refused; ErrorServerBusy waits as asked, then
 * comes back with the back-off for the worker.
 */
export function createEwsTransport(input: {
  record: MailServerRecord;
  password?: string;
  /** A fresh access token; `renew` after the server refused the last one. */
  token?: (renew: boolean) => Promise<{ token: string }>;
  ca?: string[];
  timeoutMs?: number;
  /** How long a busy server's back-off is waited in place; default 1 s. */
  wait?: (ms: number) => Promise<void>;
}): Transporter {
  return messageTransport('ExchangeWebServices', async raw => {
    let tokens = 0;
    const { token } = input;
    const target = ewsTarget(input.record, {
      password: input.password,
      oauthToken: token
        ? async () => (await token(tokens++ > 0)).token
        : undefined,
      ca: input.ca,
      timeoutMs: input.timeoutMs,
    });
    // Waits in place only for short back-offs; longer ones go back to the queue.
    const session = new EwsSession(target, async ms => {
      if (ms > 5_000) {
        throw new EwsCallError('CreateItem', {
          code: 'ErrorServerBusy',
          backOffMs: ms,
          text: `ErrorServerBusy: back off ${ms} ms`,
        });
      }
      await (input.wait ?? (t => new Promise(r => setTimeout(r, t))))(ms);
    });
    try {
      await session.call('CreateItem', async service => {
        const message = new EmailMessage(service);
        message.MimeContent = new MimeContent('UTF-8', raw.toString('base64'));
        await message.SendAndSaveCopy(
          session.folderId(WellKnownFolderName.SentItems),
        );
      });
    } catch (error) {
      if (error instanceof EwsCallError) throw sendErrorOf(error.problem);
      throw error;
    }
  });
}
