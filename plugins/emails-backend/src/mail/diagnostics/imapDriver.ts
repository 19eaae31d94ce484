import {
  ImapResponse,
  ImapWire,
  imapString,
  parseCapabilities,
} from '../protocols/imapWire';
import { xoauth2ErrorStatus, xoauth2Response } from '../protocols/sasl';
import { DriverContext, ProtocolDriver, StageOutcome } from './driver';
import { fail, loginRefusal, StageFailure } from './failure';
import { expectGreetingOf } from './greeting';

/** Test Connection over IMAP (RFC 3501): LOGIN or XOAUTH2, then EXAMINE INBOX. */
export class ImapDriver implements ProtocolDriver {
  private readonly wire: ImapWire;
  private capabilities = new Set<string>();
  private preauthenticated = false;

  constructor(private readonly ctx: DriverContext) {
    this.wire = new ImapWire(ctx.conn, () => this.capabilities.has('LITERAL+'));
  }

  /** A tagged reply as messages show it, secrets masked before the cut. */
  private replyText(r: ImapResponse): string {
    return this.ctx.redactor.line(
      `${r.status}${r.code ? ` [${r.code}]` : ''} ${r.text}`.trim(),
    );
  }

  async greet(firstLine: string): Promise<string> {
    expectGreetingOf('imap', firstLine);
    const [, status, rest] = /^\* (\w+) ?(.*)$/.exec(firstLine)!;
    if (status.toUpperCase() === 'BYE') {
      fail('service-refused', `"${this.ctx.redactor.line(firstLine)}"`);
    }
    this.preauthenticated = status.toUpperCase() === 'PREAUTH';
    const code = /^\[CAPABILITY ([^\]]*)\]/i.exec(rest);
    if (code) this.capabilities = parseCapabilities(code[1]);
    // The capability list is long and says little to an administrator.
    const shown = `* ${status} ${rest.replace(
      /^\[CAPABILITY [^\]]*\] ?/i,
      '',
    )}`;
    return `the server greeted as IMAP: "${this.ctx.redactor.line(
      shown.trim(),
    )}"`;
  }

  async requestStartTls(): Promise<void> {
    await this.hello();
    if (!this.capabilities.has('STARTTLS')) {
      fail('starttls-unsupported', 'STARTTLS is not among its capabilities');
    }
    const reply = await this.wire.command(
      ['STARTTLS'],
      'the reply to STARTTLS',
    );
    if (reply.status !== 'OK') {
      fail(
        'starttls-unsupported',
        `it answered STARTTLS with ${this.replyText(reply)}`,
      );
    }
    // Capabilities learnt in plain text must not be trusted after TLS (RFC 3501 6.2.1).
    this.capabilities.clear();
  }

  async hello(): Promise<void> {
    if (this.capabilities.size > 0) return;
    const reply = await this.wire.command(
      ['CAPABILITY'],
      'the reply to CAPABILITY',
    );
    const line = reply.untagged.find(l => /^CAPABILITY\b/i.test(l));
    if (reply.status !== 'OK' || !line) {
      fail('unexpected-reply', `CAPABILITY: ${this.replyText(reply)}`);
    }
    this.capabilities = parseCapabilities(line);
  }

  async authenticate(): Promise<StageOutcome> {
    const { auth } = this.ctx.target;
    if (this.preauthenticated) {
      return { message: 'The server pre-authenticated the session (PREAUTH)' };
    }
    if (auth.type === 'none') {
      fail('auth-required', 'IMAP offers no mailbox access without a sign-in');
    }
    const reply =
      auth.type === 'oauth'
        ? await this.xoauth2(auth.username, auth.accessToken)
        : await this.login(auth.username, auth.password);
    if (reply.status !== 'OK') {
      if (reply.code?.toUpperCase() === 'UNAVAILABLE') {
        fail('service-refused', this.replyText(reply));
      }
      throw loginRefusal('imap', auth.type, this.replyText(reply));
    }
    // Capabilities change after login; a [CAPABILITY] code carries the new list.
    const code = /^CAPABILITY (.*)$/i.exec(reply.code ?? '');
    this.capabilities = code ? parseCapabilities(code[1]) : new Set();
    return {
      message: `Signed in as ${auth.username} with ${
        auth.type === 'oauth' ? 'OAuth (XOAUTH2)' : 'a password (LOGIN)'
      }`,
    };
  }

  private async login(
    username: string,
    password: string,
  ): Promise<ImapResponse> {
    if (this.capabilities.has('LOGINDISABLED')) {
      fail(
        'auth-unsupported',
        'the server disables LOGIN on this connection (LOGINDISABLED)',
      );
    }
    return this.wire.command(
      ['LOGIN', imapString(username), imapString(password)],
      'the reply to LOGIN',
    );
  }

  private async xoauth2(
    username: string,
    token: string,
  ): Promise<ImapResponse> {
    if (!this.capabilities.has('AUTH=XOAUTH2')) {
      fail(
        'auth-unsupported',
        'the server does not offer OAuth sign-in (AUTH=XOAUTH2)',
      );
    }
    const payload = xoauth2Response(username, token);
    const initial = this.capabilities.has('SASL-IR');
    let sent = initial;
    let status: string | undefined;
    const reply = await this.wire.command(
      ['AUTHENTICATE', 'XOAUTH2', ...(initial ? [payload] : [])],
      'the reply to AUTHENTICATE XOAUTH2',
      challenge => {
        if (!sent) {
          sent = true;
          return payload;
        }
        // An error challenge: the empty answer lets the server finish with NO.
        status = xoauth2ErrorStatus(challenge);
        return '';
      },
    );
    return status
      ? { ...reply, text: `${reply.text} (token status ${status})` }
      : reply;
  }

  async check(): Promise<StageOutcome> {
    // EXAMINE opens read-only: nothing in the mailbox changes, not even \Recent.
    const reply = await this.wire.command(
      ['EXAMINE', 'INBOX'],
      'the reply to EXAMINE INBOX',
    );
    if (reply.status !== 'OK') {
      throw new StageFailure(
        'mailbox-unavailable',
        `EXAMINE INBOX: ${this.replyText(reply)}`,
      );
    }
    const exists = reply.untagged
      .map(line => /^(\d+) EXISTS$/i.exec(line)?.[1])
      .find(Boolean);
    return {
      message: `INBOX opened read-only (EXAMINE): ${
        exists ?? 'an unknown number of'
      } message(s)`,
    };
  }

  async quit(): Promise<void> {
    await this.wire.command(['LOGOUT'], 'the reply to LOGOUT');
  }
}
