import { pop3Command, Pop3Status, readPop3Lines } from '../protocols/pop3Wire';
import { xoauth2ErrorStatus, xoauth2Response } from '../protocols/sasl';
import {
  assertSingleLine,
  DriverContext,
  ProtocolDriver,
  StageOutcome,
} from './driver';
import { fail, loginRefusal } from './failure';
import { expectGreetingOf } from './greeting';

// Dovecot and others refuse USER/PASS in plain text with words like these.
const NEEDS_TLS = /plaintext|plain text|ssl|tls|secure/i;

/** Test Connection over POP3 (RFC 1939, 2595, 5034): USER/PASS or XOAUTH2, then STAT. */
export class Pop3Driver implements ProtocolDriver {
  /** CAPA keywords, upper-cased; undefined when the server has no CAPA. */
  private capabilities: Set<string> | undefined;

  constructor(private readonly ctx: DriverContext) {}

  /** A status line as messages show it, secrets masked before the cut. */
  private statusText(s: Pop3Status): string {
    return this.ctx.redactor.line(`${s.ok ? '+OK' : '-ERR'} ${s.text}`.trim());
  }

  async greet(firstLine: string): Promise<string> {
    expectGreetingOf('pop3', firstLine);
    if (firstLine.startsWith('-')) {
      fail('service-refused', `"${this.ctx.redactor.line(firstLine)}"`);
    }
    return `the server greeted as POP3: "${this.ctx.redactor.line(firstLine)}"`;
  }

  async requestStartTls(): Promise<void> {
    await this.hello();
    if (this.capabilities && !this.capabilities.has('STLS')) {
      fail('starttls-unsupported', 'STLS is not among its capabilities (CAPA)');
    }
    const reply = await this.command('STLS');
    if (!reply.ok) {
      fail(
        'starttls-unsupported',
        `it answered STLS with ${this.statusText(reply)}`,
      );
    }
    // CAPA may differ once encrypted (e.g. USER appears).
    this.capabilities = undefined;
  }

  async hello(): Promise<void> {
    const reply = await this.command('CAPA');
    if (!reply.ok) {
      this.capabilities = undefined;
      return;
    }
    const lines = await readPop3Lines(this.ctx.conn, 'the capability list');
    this.capabilities = new Set(
      lines.flatMap(line => {
        const [keyword, ...args] = line.toUpperCase().split(/\s+/);
        // "SASL PLAIN XOAUTH2" becomes SASL, SASL=PLAIN, SASL=XOAUTH2.
        return [keyword, ...args.map(arg => `${keyword}=${arg}`)];
      }),
    );
  }

  async authenticate(): Promise<StageOutcome> {
    const { auth } = this.ctx.target;
    if (auth.type === 'none') {
      fail('auth-required', 'POP3 offers no mailbox access without a sign-in');
    }
    if (auth.type === 'oauth') {
      await this.xoauth2(auth.username, auth.accessToken);
      return { message: `Signed in as ${auth.username} with OAuth (XOAUTH2)` };
    }
    assertSingleLine(auth.username, auth.password);
    const user = await this.command(`USER ${auth.username}`);
    if (!user.ok) this.refuse(user);
    const pass = await this.command(
      `PASS ${auth.password}`,
      'the reply to PASS',
    );
    if (!pass.ok) this.refuse(pass);
    return {
      message: `Signed in as ${auth.username} with a password (USER/PASS)`,
    };
  }

  private refuse(reply: Pop3Status): never {
    const { auth } = this.ctx.target;
    if (/\[SYS\/TEMP\]|\[IN-USE\]/i.test(reply.text)) {
      fail('mailbox-unavailable', this.statusText(reply));
    }
    if (
      auth.type === 'basic' &&
      NEEDS_TLS.test(reply.text) &&
      this.ctx.target.security === 'none'
    ) {
      fail('auth-unsupported', this.statusText(reply));
    }
    throw loginRefusal(
      'pop3',
      auth.type === 'oauth' ? 'oauth' : 'basic',
      this.statusText(reply),
    );
  }

  private async xoauth2(username: string, token: string): Promise<void> {
    if (this.capabilities && !this.capabilities.has('SASL=XOAUTH2')) {
      fail(
        'auth-unsupported',
        'the server does not offer OAuth sign-in (SASL XOAUTH2)',
      );
    }
    assertSingleLine(username, token);
    const payload = xoauth2Response(username, token);
    let reply = await this.command(
      `AUTH XOAUTH2 ${payload}`,
      'the reply to AUTH XOAUTH2',
    );
    if (reply.ok) return;
    // An error challenge ("+ <base64 JSON>") is not +OK or -ERR; its empty answer ends the exchange.
    const status = xoauth2ErrorStatus(reply.text);
    if (reply.challenge)
      reply = await this.command('', 'the reply to AUTH XOAUTH2');
    this.refuse(
      status
        ? { ...reply, text: `${reply.text} (token status ${status})` }
        : reply,
    );
  }

  async check(): Promise<StageOutcome> {
    const reply = await this.command('STAT');
    const stat = /^(\d+) (\d+)/.exec(reply.text);
    if (!reply.ok || !stat) {
      fail('mailbox-unavailable', `STAT: ${this.statusText(reply)}`);
    }
    return {
      message: `The mailbox answered STAT: ${stat[1]} message(s), ${stat[2]} bytes (nothing was read or deleted)`,
    };
  }

  async quit(): Promise<void> {
    await this.command('QUIT');
  }

  private command(commandLine: string, what?: string): Promise<Pop3Status> {
    const verb = commandLine.split(' ')[0];
    return pop3Command(
      this.ctx.conn,
      commandLine,
      what ?? `the reply to ${verb}`,
    );
  }
}
