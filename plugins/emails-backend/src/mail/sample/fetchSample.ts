import { SampleMail } from '@internal/plugin-emails-common';
import { InputError } from '@backstage/errors';
import { HostLookup, MailTarget } from '../types';
import { fetchImapSample } from './imapSample';
import { fetchPop3Sample } from './pop3Sample';

/** Options of {@link fetchSample}. */
export interface FetchSampleOptions {
  /** Budget for the whole fetch in ms. Default 30000. */
  timeoutMs?: number;
  /** Extra CA certificates (PEM) to trust besides Node's default store. */
  ca?: string | string[];
  /** Resolves the host name; default `dns.promises.lookup`. */
  lookup?: HostLookup;
  /** A larger message is sampled from its headers only. Default 25 MiB. */
  maxRawBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RAW_BYTES = 25 * 1024 * 1024;

/**
 * Fetch a sample mail: reads the oldest message of the inbox and shows the
 * ticket it would become, leaving the mailbox exactly as it was (IMAP
 * EXAMINE and BODY.PEEK; POP3 without DELE). Rejects with SampleFetchError.
 */
export async function fetchSample(
  target: MailTarget,
  options: FetchSampleOptions = {},
): Promise<SampleMail> {
  const resolved = {
    ...options,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const maxRawBytes = options.maxRawBytes ?? DEFAULT_MAX_RAW_BYTES;
  switch (target.protocol) {
    case 'imap':
      return fetchImapSample(target, resolved, maxRawBytes);
    case 'pop3':
      return fetchPop3Sample(target, resolved, maxRawBytes);
    default:
      throw new InputError('Fetch a sample mail works with IMAP and POP3 only');
  }
}
