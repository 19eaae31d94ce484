import type { TestBed } from '@internal/emails-test-bed';
import { MailAuth, MailProtocol, MailSecurity, MailTarget } from '../types';

/** The mailbox every test signs in to unless it says otherwise. */
export const SUPPORT = 'support@localhost';

/** The test bed port that serves a protocol with a security type. */
export function bedPort(
  bed: TestBed,
  protocol: MailProtocol,
  security: MailSecurity,
): number {
  if (protocol === 'smtp') return bed.ports.submission;
  if (protocol === 'imap') {
    return security === 'ssl' ? bed.ports.imaps : bed.ports.imap;
  }
  return security === 'ssl' ? bed.ports.pop3s : bed.ports.pop3;
}

/** A target on the test bed, signing in as support@localhost with its password by default. */
export function bedTarget(
  bed: TestBed,
  protocol: MailProtocol,
  security: MailSecurity,
  overrides: Partial<MailTarget> = {},
): MailTarget {
  const auth: MailAuth = {
    type: 'basic',
    username: SUPPORT,
    password: bed.passwordOf(SUPPORT),
  };
  return {
    protocol,
    host: bed.host,
    port: bedPort(bed, protocol, security),
    security,
    auth,
    ...overrides,
  };
}
