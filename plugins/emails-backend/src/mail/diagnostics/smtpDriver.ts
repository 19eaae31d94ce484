import { showLine } from '../protocols/replyError';
import {
  loginResponse,
  plainResponse,
  xoauth2ErrorStatus,
  xoauth2Response,
} from '../protocols/sasl';
import {
  dotStuff,
  readSmtpReply,
  smtpCommand,
  SmtpReply,
  smtpReplyText,
} from '../protocols/smtpWire';
import {
  assertSingleLine,
  DriverContext,
  ProtocolDriver,
  StageOutcome,
} from './driver';
import { fail, loginRefusal } from './failure';
import { expectGreetingOf } from './greeting';
import { composeTestMessage } from './testMessage';

/** Test Connection over SMTP submission (RFC 5321, 3207, 4954). */
export class SmtpDriver implements ProtocolDriver {
  /** EHLO keywords, upper-cased, e.g. STARTTLS, AUTH=PLAIN. */
  private extensions = new Set<string>();

  constructor(private readonly ctx: DriverContext) {}

  /** A reply as messages show it, secrets masked before the cut. */
  private text(reply: SmtpReply): string {
    return this.ctx.redactor.line(smtpReplyText(reply));
  }

  async greet(firstLine: string): Promise<string> {
    expectGreetingOf('smtp', firstLine);
    const reply = await readSmtpReply(
      this.ctx.conn,
      'the server greeting',
      firstLine,
    );
    if (reply.code !== 220) fail('service-refused', `"${this.text(reply)}"`);
    return `the server greeted as SMTP: "${this.text(reply)}"`;
  }

  async requestStartTls(): Promise<void> {
    await this.hello();
    if (!this.extensions.has('STARTTLS')) {
      fail('starttls-unsupported', 'STARTTLS is not among its EHLO extensions');
    }
    const reply = await this.command('STARTTLS');
    if (reply.code !== 220) {
      fail(
        'starttls-unsupported',
        `it answered STARTTLS with ${this.text(reply)}`,
      );
    }
    // Everything learnt before TLS is forgotten (RFC 3207 section 4.2).
    this.extensions.clear();
  }

  async hello(): Promise<void> {
    const { clientName } = this.ctx;
    const ehlo = await this.command(`EHLO ${clientName}`);
    if (ehlo.code === 250) {
      this.extensions = new Set(
        ehlo.lines.slice(1).flatMap(line => {
          const [keyword, ...args] = line.toUpperCase().split(/\s+/);
          return [keyword, ...args.map(arg => `${keyword}=${arg}`)];
        }),
      );
      return;
    }
    // An old server without ESMTP: HELO works, but offers no extensions.
    const helo = await this.command(`HELO ${clientName}`);
    if (helo.code !== 250)
      fail('unexpected-reply', `EHLO and HELO: ${this.text(helo)}`);
    this.extensions = new Set();
  }

  async authenticate(): Promise<StageOutcome> {
    const { auth } = this.ctx.target;
    if (auth.type === 'none') {
      return {
        message: 'Not needed: the server is used without authentication',
        skipped: true,
      };
    }
    assertSingleLine(
      auth.username,
      auth.type === 'basic' ? auth.password : auth.accessToken,
    );
    if (!this.extensions.has('AUTH')) {
      const later =
        this.ctx.target.security === 'none'
          ? ' (many servers offer it only after STARTTLS)'
          : '';
      fail('auth-unsupported', `the server offers no AUTH here${later}`);
    }
    const reply =
      auth.type === 'oauth'
        ? await this.xoauth2(auth.username, auth.accessToken)
        : await this.password(auth.username, auth.password);
    if (reply.code !== 235) {
      if (reply.code === 538) fail('auth-unsupported', this.text(reply));
      throw loginRefusal('smtp', auth.type, this.text(reply));
    }
    const how = auth.type === 'oauth' ? 'OAuth (XOAUTH2)' : 'a password';
    return { message: `Signed in as ${auth.username} with ${how}` };
  }

  private async password(
    username: string,
    password: string,
  ): Promise<SmtpReply> {
    if (this.extensions.has('AUTH=PLAIN')) {
      return this.command(
        `AUTH PLAIN ${plainResponse(username, password)}`,
        'AUTH PLAIN',
      );
    }
    if (!this.extensions.has('AUTH=LOGIN')) {
      fail(
        'auth-unsupported',
        'the server offers neither AUTH PLAIN nor AUTH LOGIN',
      );
    }
    const start = await this.command('AUTH LOGIN');
    if (start.code !== 334) return start;
    const user = await this.command(loginResponse(username), 'AUTH LOGIN');
    if (user.code !== 334) return user;
    return this.command(loginResponse(password), 'AUTH LOGIN');
  }

  private async xoauth2(username: string, token: string): Promise<SmtpReply> {
    if (!this.extensions.has('AUTH=XOAUTH2')) {
      fail(
        'auth-unsupported',
        'the server does not offer OAuth sign-in (AUTH XOAUTH2)',
      );
    }
    const payload = xoauth2Response(username, token);
    const inline = `AUTH XOAUTH2 ${payload}`;
    // Over SMTP's 1000-octet line the token follows the 334 continuation
    // (RFC 4954): Dovecot's submission refuses such a line.
    let reply =
      inline.length <= 998
        ? await this.command(inline, 'AUTH XOAUTH2')
        : await this.command('AUTH XOAUTH2', 'AUTH XOAUTH2');
    if (inline.length > 998 && reply.code === 334) {
      reply = await this.command(payload, 'AUTH XOAUTH2');
    }
    if (reply.code !== 334) return reply;
    // An error challenge: the empty answer lets the server finish with 535.
    const status = xoauth2ErrorStatus(reply.lines.join(''));
    const final = await this.command('', 'AUTH XOAUTH2');
    return status
      ? { ...final, lines: [...final.lines, `(token status ${status})`] }
      : final;
  }

  async check(): Promise<StageOutcome & { sentMessageId?: string }> {
    const { sendTestTo, target } = this.ctx;
    const username = target.auth.type === 'none' ? '' : target.auth.username;
    const from = sendTestTo?.from ?? (username.includes('@') ? username : '');
    // Postmaster must be accepted by every server (RFC 5321 section 4.5.1).
    const to = sendTestTo?.to ?? (from || 'postmaster');
    await this.envelope(from, to);
    if (!sendTestTo) {
      await this.command('RSET');
      return {
        message: `The server accepts mail from <${from}> to <${to}> (checked with MAIL FROM and RCPT TO, then reset: nothing was sent)`,
      };
    }
    const sentMessageId = await this.send(sendTestTo.from, sendTestTo.to);
    return {
      message: `Test message ${sentMessageId} accepted for delivery to ${to}`,
      sentMessageId,
    };
  }

  private async envelope(from: string, to: string): Promise<void> {
    if (/[\s<>]/.test(from))
      fail('sender-refused', `"${showLine(from)}" is not an email address`);
    if (/[\s<>]/.test(to))
      fail('recipient-refused', `"${showLine(to)}" is not an email address`);
    const mail = await this.command(`MAIL FROM:<${from}>`);
    if (mail.code === 530) fail('auth-required', this.text(mail));
    if (mail.code !== 250)
      fail('sender-refused', `MAIL FROM:<${from}>: ${this.text(mail)}`);
    const rcpt = await this.command(`RCPT TO:<${to}>`);
    if (rcpt.code === 530) fail('auth-required', this.text(rcpt));
    if (rcpt.code !== 250 && rcpt.code !== 251)
      fail('recipient-refused', `RCPT TO:<${to}>: ${this.text(rcpt)}`);
  }

  private async send(from: string, to: string): Promise<string> {
    const message = await composeTestMessage({
      from,
      to,
      clientName: this.ctx.clientName,
    });
    const data = await this.command('DATA');
    if (data.code !== 354) fail('send-failed', `DATA: ${this.text(data)}`);
    this.ctx.conn.write(dotStuff(message.raw));
    const accepted = await readSmtpReply(
      this.ctx.conn,
      'the reply to the message',
    );
    if (accepted.code !== 250) fail('send-failed', this.text(accepted));
    return message.messageId;
  }

  async quit(): Promise<void> {
    await this.command('QUIT');
  }

  private command(
    commandLine: string,
    verb = commandLine.split(' ')[0],
  ): Promise<SmtpReply> {
    return smtpCommand(this.ctx.conn, commandLine, `the reply to ${verb}`);
  }
}
