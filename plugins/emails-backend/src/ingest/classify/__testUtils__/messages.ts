import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParsedMail, simpleParser } from 'mailparser';

/** A raw message from header fields (in order) and a body, with CRLF line ends. */
export function rawMail(
  headers: Record<string, string>,
  body: string | string[] = 'Hello',
): Buffer {
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  const text = Array.isArray(body) ? body.join('\r\n') : body;
  return Buffer.from([...head, '', text].join('\r\n'));
}

/** A raw fixture from `classify/__fixtures__`. */
export function fixture(name: string): Buffer {
  return readFileSync(join(__dirname, '..', '__fixtures__', name));
}

/** Parses raw mail as the pipeline's parse step does. */
export function parse(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true });
}

/** A message a person wrote to the support mailbox, with extra or replaced header fields. */
export function humanMail(extra: Record<string, string> = {}): Buffer {
  return rawMail({
    Received:
      'from mail.customer.example (mail.customer.example [203.0.113.5]) by mx.acme.example',
    'Return-Path': '<rita@customer.example>',
    From: 'Rita Requester <rita@customer.example>',
    To: 'Acme Support <support@acme.example>',
    Subject: 'Printer on floor 3 is jammed',
    Date: 'Tue, 12 Nov 2024 09:00:00 +0100',
    'Message-ID': '<CAF=rita-1@mail.customer.example>',
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    ...extra,
  });
}
