import { Stores } from '../database';

// Addresses that read no mail: an automatic notification to them is wasted or bounces.
const NO_REPLY =
  /^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?|bounce[-+].*|auto-?reply)$/i;

/** The addresses of every mailbox (incoming server) and their aliases, lower-cased. */
export async function mailboxAddressesOf(stores: Stores): Promise<Set<string>> {
  const incoming = await stores.incomingServers.list();
  return new Set(
    incoming
      .flatMap(s => [s.email, ...((s.settings.aliases as string[]) ?? [])])
      .map(a => a.toLocaleLowerCase('en-US')),
  );
}

/** Every address of ours: mailboxes, their aliases and the outgoing servers. */
export async function ownAddressesOf(stores: Stores): Promise<Set<string>> {
  const own = await mailboxAddressesOf(stores);
  for (const server of await stores.outgoingServers.list()) {
    own.add(server.email.toLocaleLowerCase('en-US'));
  }
  return own;
}

/**
 * Why an automatic notification must not go to an address, or undefined:
 * never to our own addresses (a loop), to addresses that bounced on this
 * ticket, or to addresses that read no mail.
 */
export function notificationBlocked(
  address: string,
  context: { own: Set<string>; undeliverable: Set<string> },
): string | undefined {
  const folded = address.toLocaleLowerCase('en-US');
  if (context.own.has(folded)) return `${address} is one of our own addresses`;
  if (context.undeliverable.has(folded))
    return `mail to ${address} bounced on this ticket`;
  if (NO_REPLY.test(folded.slice(0, folded.lastIndexOf('@'))))
    return `${address} is a no-reply address`;
  return undefined;
}
