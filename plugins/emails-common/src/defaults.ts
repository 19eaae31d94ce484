import { IncomingProtocol, OutgoingProtocol, SecurityType } from './types';

const PORTS: Record<string, Record<SecurityType, number>> = {
  imap: { none: 143, starttls: 143, ssl: 993 },
  pop3: { none: 110, starttls: 110, ssl: 995 },
  smtp: { none: 25, starttls: 587, ssl: 465 },
};

/** Default port of a protocol over a security type (EWS and Graph are HTTPS: 443). */
export function defaultPort(
  protocol: IncomingProtocol | OutgoingProtocol,
  security: SecurityType,
): number | undefined {
  if (protocol === 'ews' || protocol === 'graph') {
    return 443;
  }
  return PORTS[protocol]?.[security];
}

/** Seconds between catch-up polls when real-time scanning is off (seed 001: every 2 minutes). */
export const DEFAULT_POLL_INTERVAL_SECONDS = 120;

/** Consecutive message errors after which fetching stops (seed 003's "stop after N"). */
export const DEFAULT_ERROR_THRESHOLD = 5;
