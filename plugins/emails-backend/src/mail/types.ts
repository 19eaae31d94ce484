import type { LookupAddress } from 'node:dns';

/** The mail protocols Test Connection and Fetch a sample mail speak. */
export type MailProtocol = 'imap' | 'pop3' | 'smtp';

/** Transport security: none, implicit TLS ("SSL") or an upgrade with STARTTLS. */
export type MailSecurity = 'none' | 'ssl' | 'starttls';

/** How to sign in to the mailbox; secrets never leave the module. */
export type MailAuth =
  | { type: 'basic'; username: string; password: string }
  | { type: 'oauth'; username: string; accessToken: string }
  | { type: 'none' };

/** A mail server endpoint plus the credentials to use there. */
export interface MailTarget {
  protocol: MailProtocol;
  host: string;
  port: number;
  security: MailSecurity;
  auth: MailAuth;
}

/** Resolves a host name to one address, like `dns.promises.lookup`. */
export type HostLookup = (
  hostname: string,
) => Promise<Pick<LookupAddress, 'address'> & Partial<LookupAddress>>;
