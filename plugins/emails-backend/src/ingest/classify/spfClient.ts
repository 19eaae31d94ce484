import { HeaderLines } from 'mailparser';
import { isIP } from 'node:net';
import { headerValue, headerValues } from './headers';

/** What SPF checks: the client that handed the message over, its HELO and the envelope sender. */
export type SpfClient =
  | { ip: string; helo: string; sender: string; hop: number }
  | { skipped: string };

/** The address of a relay we trust to pass mail on, for {@link spfClient}. */
export type RelayCheck = (ip: string) => boolean;

/**
 * Finds the SMTP client of the organisation's border from the Received
 * headers. Servers prepend them, so the topmost one was written by the
 * server that received the message last: the SMTP push listener, or for
 * fetched mail the organisation's mail server. That header is trusted;
 * lower ones may be forged by the sender, and are read only through hops
 * from the organisation's own relays (`trustedRelays`): a hop from a relay
 * says which client the relay itself received the message from.
 */
export function spfClient(
  headers: HeaderLines,
  isTrustedRelay: RelayCheck,
): SpfClient {
  const received = headerValues(headers, 'received');
  for (let hop = 0; hop < received.length; hop++) {
    const client = clientOf(received[hop]);
    if (!client) {
      return {
        skipped: `Received header ${hop + 1} names no client IP address`,
      };
    }
    if (isTrustedRelay(client.ip) && hop + 1 < received.length) continue;
    return { ...client, sender: envelopeSender(headers), hop: hop + 1 };
  }
  return { skipped: 'the message has no Received header' };
}

/** The envelope sender from Return-Path; empty for the null sender of bounces. */
function envelopeSender(headers: HeaderLines): string {
  const value = headerValue(headers, 'return-path') ?? '';
  return /<([^<>]*)>/.exec(value)?.[1].trim() ?? value.trim();
}

// `from helo.name (rdns.name [192.0.2.1]) by ...`, or Exim's `from [192.0.2.1] (helo=x)`.
const FROM_CLAUSE = /^\s*from\s+(\S+)\s*(\((?:[^()]|\([^()]*\))*\))?/i;
const LITERAL = /\[(?:IPv6:)?([0-9a-f:.]+)\]/gi;

/**
 * The client of one hop: the address literal of the TCP-info comment (RFC
 * 5321 4.4), never one the client claimed with `helo=`; Exchange writes the
 * address bare in the comment; Exim puts a literal in place of the name.
 */
function clientOf(value: string): { ip: string; helo: string } | undefined {
  const match = FROM_CLAUSE.exec(value);
  if (!match) return undefined;
  const helo = match[1];
  const comment = (match[2] ?? '').replace(/(?:helo|ehlo)=\S+/gi, '');
  const literals = [...comment.matchAll(LITERAL)].map(m => m[1]);
  const bare = /\(\s*(?:\S+\s+)?([0-9a-f:.]+)\s*\)/i.exec(comment)?.[1];
  // A literal in place of the name is the connection's address only in Exim's form.
  const named = /^\[(?:IPv6:)?([^\]]+)\]$/i.exec(helo)?.[1];
  const ip = [...literals.reverse(), bare, named].find(
    (candidate): candidate is string => !!candidate && isIP(candidate) > 0,
  );
  return ip ? { ip, helo } : undefined;
}
