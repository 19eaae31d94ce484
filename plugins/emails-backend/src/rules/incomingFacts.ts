import { AuthenticationMethod } from '@internal/plugin-emails-common';
import { RuleFacts } from './evaluate';

/** What the inbound pipeline knows of a message when the incoming rules run. */
export interface IncomingMessageFacts {
  /** The incoming server the message came through. */
  mailbox?: { id: string; email: string };
  from?: string;
  to: string[];
  cc: string[];
  subject?: string;
  /** The text body (the HTML one turned into text when there is no text part). */
  body?: string;
  /** Every header, by any-case name, with each of its values. */
  headers: Record<string, string | string[] | undefined>;
  attachmentNames: string[];
  /** The results of the sender authentication checks, e.g. `{ dmarc: 'fail' }`. */
  authentication: Partial<Record<AuthenticationMethod, string>>;
  /** Whether the message was classified as automatic (auto-reply, bounce, list). */
  automatic: boolean;
}

const list = (values: (string | undefined)[]) =>
  values.filter((v): v is string => !!v);
const yesNo = (value: boolean) => [value ? 'true' : 'false'];

/** The facts incoming email rules look at, keyed as `factKey` names them. */
export function incomingRuleFacts(message: IncomingMessageFacts): RuleFacts {
  const from = message.from;
  const facts: RuleFacts = {
    mailbox: message.mailbox
      ? [message.mailbox.id, message.mailbox.email]
      : undefined,
    from: list([from]),
    to: message.to,
    cc: message.cc,
    subject: list([message.subject]),
    body: list([message.body]),
    hasAttachment: yesNo(message.attachmentNames.length > 0),
    attachmentName: message.attachmentNames,
    senderDomain: list([from?.slice(from.lastIndexOf('@') + 1)]),
    automatic: yesNo(message.automatic),
  };
  for (const [name, value] of Object.entries(message.headers)) {
    const key = `header:${name.toLocaleLowerCase('en-US')}`;
    const values = list(Array.isArray(value) ? value : [value]);
    facts[key] = [...(facts[key] ?? []), ...values];
  }
  for (const [method, result] of Object.entries(message.authentication)) {
    facts[`authentication:${method}`] = list([result]);
  }
  return facts;
}
