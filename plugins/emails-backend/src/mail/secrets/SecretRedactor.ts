import { showLine } from '../protocols/replyError';
import { MailAuth } from '../types';
import { redactStrings } from './redactStrings';
import { MIN_ANYWHERE_LENGTH, secretForms } from './secretForms';

/** What a masked secret reads as. */
export const MASK = '***';

/** How many secrets learnt later (access tokens) are kept, newest last. */
const MAX_LEARNT = 8;

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// A short secret counts only as a token: no letter or digit right before or after it.
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';

/**
 * Knows a mail server's secrets (password, access and refresh tokens,
 * client secret) and the forms they travel in, and masks them in any text:
 * longest first, secrets of 6 characters and more wherever they appear,
 * shorter ones only where they stand as a token, so a password "a" does
 * not turn every "a" of "Authentication failed" into ***. Every text a
 * server or a mail library wrote passes through one of these before it is
 * cut, stored, logged or returned.
 */
export class SecretRedactor {
  private readonly fixed: string[] = [];
  private readonly learnt: string[] = [];
  private pattern?: RegExp | null;

  /** A redactor for these secrets; `username` adds the pair and SASL forms. */
  constructor(
    secrets: Iterable<string | undefined> = [],
    private readonly username?: string,
  ) {
    for (const secret of secrets) this.addTo(this.fixed, secret);
  }

  /** The redactor of a sign-in's password or access token. */
  static forAuth(auth: MailAuth): SecretRedactor {
    if (auth.type === 'none') return new SecretRedactor();
    return new SecretRedactor(
      [auth.type === 'basic' ? auth.password : auth.accessToken],
      auth.username,
    );
  }

  /**
   * The redactor of a stored mail server: its password and client secret,
   * with its username (or email) for the pair and SASL forms, plus `extra`
   * secrets such as a proxy's password.
   */
  static forServer(
    server: { email: string; settings: unknown },
    secrets: { password?: string; clientSecret?: string },
    extra: (string | undefined)[] = [],
  ): SecretRedactor {
    const settings = (server.settings ?? {}) as { username?: unknown };
    const username =
      typeof settings.username === 'string' && settings.username
        ? settings.username
        : server.email;
    return new SecretRedactor(
      [secrets.password, secrets.clientSecret, ...extra],
      username,
    );
  }

  /** Adds a secret learnt later, e.g. a fresh access token; the oldest are forgotten. */
  learn(secret: string | undefined): this {
    if (this.addTo(this.learnt, secret)) {
      this.learnt.splice(0, Math.max(0, this.learnt.length - MAX_LEARNT));
    }
    return this;
  }

  /** The text with every secret replaced by ***. */
  redact(text: string): string {
    const pattern = this.compiled();
    return pattern ? text.replace(pattern, MASK) : text;
  }

  /** A Test Connection stage (or anything with a message and hint) with both masked. */
  stage<S extends { message: string; hint?: string }>(stage: S): S {
    return {
      ...stage,
      message: this.redact(stage.message),
      ...(stage.hint === undefined ? {} : { hint: this.redact(stage.hint) }),
    };
  }

  /** A server's reply as messages show it: masked, then escaped and cut to `max` characters. */
  line(text: string, max?: number): string {
    return showLine(this.redact(text), max);
  }

  /**
   * Masks, in place, every text an error carries (message, stack, a
   * library's response fields, its cause); answers the same error.
   */
  error<T>(error: T): T {
    if (typeof error === 'string') return this.redact(error) as T;
    if (!this.compiled()) return error;
    redactStrings(error, text => this.redact(text));
    return error;
  }

  private addTo(list: string[], secret: string | undefined): boolean {
    // A secret of asterisks would mask the mask.
    if (!secret || /^\*+$/.test(secret) || list.includes(secret)) return false;
    list.push(secret);
    this.pattern = undefined;
    return true;
  }

  private compiled(): RegExp | null {
    if (this.pattern !== undefined) return this.pattern;
    const forms = [
      ...new Set(
        [...this.fixed, ...this.learnt].flatMap(s =>
          secretForms(s, this.username),
        ),
      ),
    ]
      .filter(form => form.length > 0)
      .sort((a, b) => b.length - a.length);
    if (forms.length === 0) return (this.pattern = null);
    const alternatives = forms.map(form =>
      form.length >= MIN_ANYWHERE_LENGTH
        ? escapeRegExp(form)
        : `${BEFORE}${escapeRegExp(form)}${AFTER}`,
    );
    return (this.pattern = new RegExp(alternatives.join('|'), 'gu'));
  }
}
