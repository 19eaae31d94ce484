import {
  ConnectionStage,
  ConnectionTestResult,
} from '@internal/plugin-emails-common';
import { HostLookup, MailTarget } from '../types';
import { ConnectionRun } from './connectionRun';

/** Options of {@link testConnection}. */
export interface TestConnectionOptions {
  /** Budget for the whole run in ms; each stage gets what is left. Default 15000. */
  timeoutMs?: number;
  /** Extra CA certificates (PEM) to trust besides Node's default store. */
  ca?: string | string[];
  /** Called as each stage finishes, e.g. to stream progress to the UI. */
  onStage?: (stage: ConnectionStage) => void;
  /** Resolves the host name; default `dns.promises.lookup`. */
  lookup?: HostLookup;
  /** SMTP only: after signing in, really send a small test message. */
  sendTestTo?: { from: string; to: string };
  /** Name sent with EHLO; default `localhost`. */
  clientName?: string;
  /**
   * How long a plain-text connection may stay silent before the greeting
   * counts as missing (the port probably expects TLS). Default 5000.
   */
  greetingTimeoutMs?: number;
}

/**
 * Test Connection: checks dns, tcp, tls, auth and protocol in that order
 * and reports each stage; the first failure ends the run and later stages
 * are not listed. Never rejects for a failure of the server under test.
 */
export async function testConnection(
  target: MailTarget,
  options: TestConnectionOptions = {},
): Promise<ConnectionTestResult> {
  return new ConnectionRun(target, options).execute();
}
