import { ParsedMail } from 'mailparser';
import type { AutomaticClassification, AutomaticOptions } from './automatic';
import { messageIdDomain } from './duplicates';
import { headerValue, headerValues, parseContentType } from './headers';
import { DEFAULT_AUTO_REPLY_KEYWORDS, subjectKeyword } from './keywords';

/** What every rule looks at: the message, what we know about us, the sender. */
export interface Signals {
  mail: ParsedMail;
  options: AutomaticOptions;
  /** The From address, lower-cased. */
  from?: string;
}

/** One rule of {@link AUTOMATIC_RULES}: a decision, or undefined to ask the next rule. */
export type Rule = (s: Signals) => AutomaticClassification | undefined;

const ownLoop: Rule = ({ mail, options, from }) => {
  const loop = options.loopHeaderValue?.toLowerCase();
  const xLoop = headerValues(mail.headerLines, 'x-loop');
  if (loop && xLoop.some(v => v.toLowerCase().includes(loop))) {
    return { kind: 'own-loop', reason: `X-Loop: ${options.loopHeaderValue}` };
  }
  const own = [...options.ownAddresses].some(a => a.toLowerCase() === from);
  if (from && own) {
    return { kind: 'own-loop', reason: `From is our own address ${from}` };
  }
  // Only the Message-ID itself: In-Reply-To in our domain is a normal reply.
  const domain = options.ownMessageIdDomain?.toLowerCase();
  if (domain && messageIdDomain(mail.messageId) === domain) {
    return {
      kind: 'own-loop',
      reason: `Message-ID ${mail.messageId} is in our domain`,
    };
  }
  return undefined;
};

const report: Rule = ({ mail }) => {
  const { type, params } = parseContentType(
    headerValue(mail.headerLines, 'content-type'),
  );
  if (type !== 'multipart/report') return undefined;
  const reportType = (params['report-type'] ?? '').toLowerCase();
  const reason = `Content-Type: multipart/report; report-type=${reportType}`;
  if (reportType === 'delivery-status') return { kind: 'bounce', reason };
  if (reportType === 'disposition-notification') {
    return { kind: 'auto-reply', reason: `${reason} (a read receipt)` };
  }
  return { kind: 'bulk', reason };
};

const daemonSender: Rule = ({ from }) => {
  const local = from?.split('@')[0];
  return local === 'mailer-daemon' || local === 'postmaster'
    ? { kind: 'bounce', reason: `From ${from}` }
    : undefined;
};

const autoSubmitted: Rule = ({ mail }) => {
  const value = headerValue(mail.headerLines, 'auto-submitted');
  const keyword = value?.split(/[;(\s]/)[0].toLowerCase();
  if (!keyword || keyword === 'no') return undefined;
  const reason = `Auto-Submitted: ${value}`;
  // auto-generated mail that answers a message is a reply; otherwise it is a notification.
  if (keyword === 'auto-replied' || mail.inReplyTo) {
    return { kind: 'auto-reply', reason };
  }
  return { kind: 'bulk', reason };
};

const vendorAutoReply: Rule = ({ mail }) => {
  for (const name of ['X-Autoreply', 'X-Autorespond']) {
    const value = headerValue(mail.headerLines, name);
    if (value !== undefined) {
      return { kind: 'auto-reply', reason: `${name}: ${value}` };
    }
  }
  return undefined;
};

const precedence: Rule = ({ mail, options }) => {
  const value = headerValue(mail.headerLines, 'precedence')?.toLowerCase();
  const reason = `Precedence: ${value}`;
  if (value === 'auto_reply') return { kind: 'auto-reply', reason };
  if (value === 'bulk' || value === 'junk') return { kind: 'bulk', reason };
  if (value === 'list' && !fromOwnList(mail, options)) {
    return { kind: 'list', reason };
  }
  return undefined;
};

const listHeaders: Rule = ({ mail, options }) => {
  if (fromOwnList(mail, options)) return undefined;
  const listId = headerValue(mail.headerLines, 'list-id');
  if (listId) return { kind: 'list', reason: `List-Id: ${listId}` };
  // List-Unsubscribe without a List-Id: a newsletter or a marketing sender.
  const unsubscribe = headerValue(mail.headerLines, 'list-unsubscribe');
  if (unsubscribe) return { kind: 'bulk', reason: 'List-Unsubscribe header' };
  return undefined;
};

const BOUNCE_SUBJECT =
  /undeliver|delivery status notification|delivery (has )?failed|mail delivery failed|returned mail|failure notice|could not be delivered|non-?delivery/i;

const emptyReturnPath: Rule = ({ mail }) => {
  const values = headerValues(mail.headerLines, 'return-path');
  if (!values.length || !values.every(v => /^<\s*>$/.test(v))) {
    return undefined;
  }
  // RFC 3834 and RFC 5321 both send with the null path: the subject tells them apart.
  return BOUNCE_SUBJECT.test(mail.subject ?? '')
    ? {
        kind: 'bounce',
        reason: 'Return-Path: <> and a delivery failure subject',
      }
    : { kind: 'auto-reply', reason: 'Return-Path: <>' };
};

const keywords: Rule = ({ mail, options }) => {
  const keyword = subjectKeyword(mail.subject, [
    ...options.keywords,
    ...DEFAULT_AUTO_REPLY_KEYWORDS,
  ]);
  return keyword
    ? { kind: 'auto-reply', reason: `subject starts with "${keyword}"` }
    : undefined;
};

function fromOwnList(mail: ParsedMail, options: AutomaticOptions): boolean {
  const value = headerValue(mail.headerLines, 'list-id');
  if (!value || !options.ownListIds?.length) return false;
  // `List-Id: Support <support.example.com>`: the id is inside the brackets.
  const id = (/<([^>]*)>/.exec(value)?.[1] ?? value).trim().toLowerCase();
  return options.ownListIds.some(own => own.trim().toLowerCase() === id);
}

/**
 * The rules of {@link classifyAutomatic}, in order; the first match wins:
 * 1. own loop: our own mail coming back is dropped before anything else
 *    looks at it (it may also say Auto-Submitted, which we set);
 * 2. bounces: a DSN usually also has `Auto-Submitted` and an empty
 *    Return-Path, but must reach the ticket whose mail bounced;
 * 3. RFC 3834 `Auto-Submitted`, then vendor auto-reply headers;
 * 4. bulk and list headers (Precedence, List-*);
 * 5. an empty Return-Path without any other sign;
 * 6. last, the subject keywords, the only heuristic.
 */
export const AUTOMATIC_RULES: readonly Rule[] = [
  ownLoop,
  report,
  daemonSender,
  autoSubmitted,
  vendorAutoReply,
  precedence,
  listHeaders,
  emptyReturnPath,
  keywords,
];
