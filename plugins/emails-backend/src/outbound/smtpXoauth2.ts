import { xoauth2Response } from '../mail/protocols/sasl';
import { SecretRedactor } from '../mail/secrets';

/** SMTP's command line limit (RFC 5321, 4.5.3.1.4): 1000 octets with CRLF. */
const MAX_COMMAND_LINE = 998;

/**
 * The name the handler is registered under: nodemailer replaces a method
 * called XOAUTH2 with its own built-in one, so ours has a name of its own
 * (it still speaks `AUTH XOAUTH2` on the wire).
 */
export const XOAUTH2_METHOD = 'EMAILS-XOAUTH2';

/** What nodemailer hands a `customAuth` handler (the part used here). */
interface CustomAuthContext {
  auth: { user?: string; credentials?: { user?: string } };
  sendCommand(command: string): Promise<{ status: number; response: string }>;
}

/** A fresh access token; `renew` after the server refused the last one. */
export type AccessTokenSource = (
  renew: boolean,
) => Promise<{ token: string; expiresAt?: Date }>;

/**
 * nodemailer's `customAuth` handler for XOAUTH2. nodemailer's own XOAUTH2
 * always sends the token on the AUTH line, which servers that keep SMTP's
 * 1000-octet line limit refuse ("500 Line too long" from Dovecot's
 * submission) for real-world tokens of 1-3 KB. This sends it inline when it
 * fits and after the 334 continuation (RFC 4954) when it does not, and asks
 * for a renewed token once when the server refuses the first.
 */
export function xoauth2Handler(user: string, tokenSource: AccessTokenSource) {
  return async (ctx: CustomAuthContext): Promise<void> => {
    let last = '';
    // A server may repeat the payload in its refusal.
    const redactor = new SecretRedactor([], user);
    for (const renew of [false, true]) {
      const { token } = await tokenSource(renew);
      redactor.learn(token);
      const payload = xoauth2Response(user, token);
      const inline = `AUTH XOAUTH2 ${payload}`;
      let reply =
        inline.length <= MAX_COMMAND_LINE
          ? await ctx.sendCommand(inline)
          : await ctx.sendCommand('AUTH XOAUTH2');
      if (inline.length > MAX_COMMAND_LINE && reply.status === 334) {
        reply = await ctx.sendCommand(payload);
      }
      // An error challenge (base64 JSON) waits for an empty answer, then 535.
      if (reply.status === 334) reply = await ctx.sendCommand('');
      if (reply.status === 235) return;
      last = reply.response;
    }
    throw new Error(`XOAUTH2 refused: ${redactor.redact(last)}`);
  };
}
