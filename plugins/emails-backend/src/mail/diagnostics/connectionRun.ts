import {
  ConnectionStage,
  ConnectionStageName,
  ConnectionTestResult,
} from '@internal/plugin-emails-common';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { Deadline, withTimeout } from '../net/deadline';
import { MailTimeoutError } from '../net/errors';
import { LineConnection } from '../net/lineConnection';
import { resolveHost } from '../net/resolve';
import { connectTcp, describeTls, handshakeTls } from '../net/transport';
import { SecretRedactor } from '../secrets';
import { MailTarget } from '../types';
import { ProtocolDriver, StageOutcome } from './driver';
import {
  connectFailure,
  fail,
  presentFailure,
  StageFailure,
  tlsFailure,
  toStageFailure,
} from './failure';
import { createDriver } from './drivers';
import { DEFAULT_GREETING_TIMEOUT_MS, readGreeting } from './greeting';
import { HintContext } from './hints';
import type { TestConnectionOptions } from './testConnection';

/** A protocol stage of its own, run on the signed-in session; replies are shown through `redactor`. */
export type ProtocolStep = (
  conn: LineConnection,
  redactor: SecretRedactor,
) => Promise<StageOutcome>;

const DEFAULT_TIMEOUT_MS = 15_000;
// The goodbye is a courtesy: it must not hold up the answer.
const QUIT_CAP_MS = 2_000;

/** One Test Connection run: its budget, its sockets and the stages so far. */
export class ConnectionRun {
  private readonly deadline: Deadline;
  private readonly redactor: SecretRedactor;
  private readonly hintContext: HintContext;
  private readonly stages: ConnectionStage[] = [];
  private readonly sockets: net.Socket[] = [];
  private address = '';
  private conn?: LineConnection;
  private driver?: ProtocolDriver;
  private sentMessageId?: string;

  constructor(
    private readonly target: MailTarget,
    private readonly options: TestConnectionOptions,
    /** Replaces the protocol stage's check, e.g. to fetch a sample mail. */
    private readonly protocolStep?: ProtocolStep,
  ) {
    this.deadline = new Deadline(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.redactor = SecretRedactor.forAuth(target.auth);
    this.hintContext = {
      protocol: target.protocol,
      security: target.security,
      port: target.port,
    };
  }

  /** Runs every stage until one fails, then closes every socket. */
  async execute(): Promise<ConnectionTestResult> {
    try {
      await this.runStages();
    } finally {
      this.conn?.destroy();
      for (const socket of this.sockets) socket.destroy();
    }
    return {
      ok: this.stages.length === 5 && this.stages.every(s => s.ok),
      stages: this.stages,
      ...(this.sentMessageId ? { sentMessageId: this.sentMessageId } : {}),
    };
  }

  private async runStages(): Promise<void> {
    const steps: [ConnectionStageName, () => Promise<StageOutcome>][] = [
      ['dns', () => this.resolve()],
      ['tcp', () => this.connect()],
      ['tls', () => this.secure()],
      ['auth', () => this.session().authenticate()],
      ['protocol', () => this.check()],
    ];
    for (const [name, step] of steps) {
      if (!(await this.stage(name, step))) return;
    }
    await this.quit();
  }

  private async stage(
    name: ConnectionStageName,
    step: () => Promise<StageOutcome>,
  ): Promise<boolean> {
    const started = performance.now();
    let record: ConnectionStage;
    try {
      const outcome = await step();
      record = {
        stage: name,
        ok: true,
        ms: Math.round(performance.now() - started),
        message: this.redactor.redact(outcome.message),
        ...(outcome.skipped ? { skipped: true } : {}),
      };
    } catch (error) {
      // Masked before anything reads it: a reply in an error is still uncut.
      const failure = toStageFailure(this.redactor.error(error));
      record = this.failed(name, failure, started);
    }
    this.stages.push(record);
    try {
      this.options.onStage?.({ ...record });
    } catch {
      // A broken listener must not end the test or leak its connection.
    }
    return record.ok;
  }

  private failed(
    name: ConnectionStageName,
    failure: StageFailure,
    started: number,
  ): ConnectionStage {
    const { message, hint } = presentFailure(failure, this.hintContext);
    return {
      stage: name,
      ok: false,
      ms: Math.round(performance.now() - started),
      message: this.redactor.redact(message),
      hint: this.redactor.redact(hint),
    };
  }

  private async resolve(): Promise<StageOutcome> {
    const { host } = this.target;
    if (!host.trim()) fail('dns-failed', 'no server address was given');
    if (net.isIP(host)) {
      this.address = host;
      return { message: `${host} is an IP address: nothing to resolve` };
    }
    try {
      this.address = await resolveHost(
        host,
        this.deadline.remaining(),
        this.options.lookup,
      );
    } catch (error) {
      const code = (error as { code?: string }).code;
      fail(
        'dns-failed',
        error instanceof MailTimeoutError
          ? `no answer from DNS for "${host}" in time`
          : `"${host}" (${code ?? (error as Error).message})`,
      );
    }
    return { message: `${host} resolved to ${this.address}` };
  }

  private async connect(): Promise<StageOutcome> {
    const { host, port, security } = this.target;
    const where = `${host}:${port}${
      this.address !== host ? ` (${this.address})` : ''
    }`;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      fail('port-refused', `${port} is not a valid port number`);
    }
    const { ms, budgetLimited } = this.deadline.slice();
    try {
      const raw = await connectTcp({
        address: this.address,
        port,
        timeoutMs: ms,
        budgetLimited,
      });
      this.sockets.push(raw);
    } catch (error) {
      throw connectFailure(error, where);
    }
    if (security === 'ssl') return { message: `Connected to ${where}` };
    const greeting = await this.open(this.sockets[0], true);
    if (security === 'none') await this.session().hello();
    return { message: `Connected to ${where}; ${greeting}` };
  }

  private async secure(): Promise<StageOutcome> {
    const { security } = this.target;
    if (security === 'none') {
      return {
        message: 'Security type None: the connection is not encrypted',
        skipped: true,
      };
    }
    if (security === 'ssl') {
      const secure = await this.handshake(this.sockets[0]);
      const greeting = await this.open(secure, false);
      await this.session().hello();
      return { message: `SSL/TLS: ${describeTls(secure)}; ${greeting}` };
    }
    const conn = this.conn!;
    await this.session().requestStartTls();
    const secure = await this.handshake(conn.releaseForTls());
    conn.resume(secure);
    await this.session().hello();
    return { message: `STARTTLS: ${describeTls(secure)}` };
  }

  private async handshake(socket: net.Socket): Promise<tls.TLSSocket> {
    const { ms, budgetLimited } = this.deadline.slice();
    try {
      const secure = await handshakeTls(socket, {
        host: this.target.host,
        ca: this.options.ca,
        timeoutMs: ms,
        budgetLimited,
      });
      this.sockets.push(secure);
      return secure;
    } catch (error) {
      throw tlsFailure(error);
    }
  }

  /** Starts the protocol session on a socket and checks the greeting. */
  private async open(socket: net.Socket, plainStart: boolean): Promise<string> {
    this.conn = new LineConnection(socket, this.deadline);
    this.driver = createDriver({
      conn: this.conn,
      target: this.target,
      clientName: this.options.clientName ?? 'localhost',
      sendTestTo: this.options.sendTestTo,
      redactor: this.redactor,
    });
    const line = await readGreeting(this.conn, {
      capMs: this.options.greetingTimeoutMs ?? DEFAULT_GREETING_TIMEOUT_MS,
      deadline: this.deadline,
      // Only a connection that starts in plain text can meet a TLS-only port.
      tlsProbe: plainStart
        ? {
            address: this.address,
            port: this.target.port,
            host: this.target.host,
            ca: this.options.ca,
          }
        : undefined,
    });
    return this.driver.greet(line);
  }

  private async check(): Promise<StageOutcome> {
    if (this.protocolStep) return this.protocolStep(this.conn!, this.redactor);
    const outcome = await this.session().check();
    this.sentMessageId = outcome.sentMessageId;
    return outcome;
  }

  private async quit(): Promise<void> {
    const { ms } = this.deadline.slice(QUIT_CAP_MS);
    await withTimeout(this.session().quit(), ms, 'the goodbye').catch(
      () => undefined,
    );
  }

  private session(): ProtocolDriver {
    if (!this.driver) throw new Error('no protocol session yet');
    return this.driver;
  }
}
