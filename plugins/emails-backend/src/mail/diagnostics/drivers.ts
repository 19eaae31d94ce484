import { DriverContext, ProtocolDriver } from './driver';
import { ImapDriver } from './imapDriver';
import { Pop3Driver } from './pop3Driver';
import { SmtpDriver } from './smtpDriver';

const DRIVERS = {
  imap: ImapDriver,
  pop3: Pop3Driver,
  smtp: SmtpDriver,
};

/** The driver that speaks the target's protocol over the context's connection. */
export function createDriver(context: DriverContext): ProtocolDriver {
  return new DRIVERS[context.target.protocol](context);
}
