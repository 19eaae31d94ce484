import {
  ConnectionStage,
  ConnectionStageName,
  ConnectionTestResult,
} from '@internal/plugin-emails-common';
import { performance } from 'node:perf_hooks';
import { resolveHost } from '../net/resolve';
import { connectTcp, describeTls, handshakeTls } from '../net/transport';

/** A failed stage: its message and what to check. */
export class StageError extends Error {
  constructor(message: string, readonly hint: string) {
    super(message);
  }
}

/** What Test Connection of an HTTPS mail API (Graph, EWS) runs. */
export interface HttpsStagesInput {
  /** The API's URL; its host and port are checked. */
  url: string;
  /** "Graph", "EWS": how hints name the service. */
  service: string;
  ca?: string[];
  timeoutMs: number;
  onStage?: (stage: ConnectionStage) => void;
  /** The auth stage; its message says what was proven. */
  auth(): Promise<string>;
  /** The protocol stage: a real mailbox call. */
  protocol(): Promise<string>;
}

/**
 * dns, tcp and tls to the API's host, then the caller's auth and protocol
 * stages; the first failing stage ends the check, each with a hint.
 */
export async function runHttpsStages(
  input: HttpsStagesInput,
): Promise<ConnectionTestResult> {
  const url = new URL(input.url);
  const port = Number(url.port) || 443;
  const stages: ConnectionStage[] = [];
  let address = '';
  const run = async (
    stage: ConnectionStageName,
    step: () => Promise<string>,
  ): Promise<boolean> => {
    const started = performance.now();
    let record: ConnectionStage;
    try {
      const message = await step();
      record = {
        stage,
        ok: true,
        ms: Math.round(performance.now() - started),
        message,
      };
    } catch (error) {
      const e = error as { message: string; hint?: string };
      record = {
        stage,
        ok: false,
        ms: Math.round(performance.now() - started),
        message: e.message,
        hint:
          e.hint ??
          `Check the ${input.service} URL and the network path to it (DNS, firewall, proxy).`,
      };
    }
    stages.push(record);
    input.onStage?.({ ...record });
    return record.ok;
  };
  const tls = async () => {
    const socket = await connectTcp({
      address,
      port,
      timeoutMs: input.timeoutMs,
    });
    try {
      const secure = await handshakeTls(socket, {
        host: url.hostname,
        ca: input.ca,
        timeoutMs: input.timeoutMs,
      });
      const described = describeTls(secure);
      secure.destroy();
      return described;
    } catch (error) {
      throw new StageError(
        `TLS with ${url.hostname} failed: ${(error as Error).message}`,
        `${input.service} speaks HTTPS only: check that a proxy or firewall does not intercept it, and add a private CA to emails.tls.trustedCertificates.`,
      );
    } finally {
      socket.destroy();
    }
  };
  const steps: [ConnectionStageName, () => Promise<string>][] = [
    [
      'dns',
      async () => {
        address = await resolveHost(url.hostname, input.timeoutMs);
        return `${url.hostname} resolves to ${address}`;
      },
    ],
    [
      'tcp',
      async () => {
        const socket = await connectTcp({
          address,
          port,
          timeoutMs: input.timeoutMs,
        });
        socket.destroy();
        return `Connected to ${address}:${port}`;
      },
    ],
    ['tls', tls],
    ['auth', input.auth],
    ['protocol', input.protocol],
  ];
  for (const [stage, step] of steps) {
    if (!(await run(stage, step))) break;
  }
  return { ok: stages.length === 5 && stages.every(s => s.ok), stages };
}
