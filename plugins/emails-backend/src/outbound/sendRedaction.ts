import { MailServerRecord } from '../database';
import { SecretRedactor } from '../mail/secrets';

/** A source of access tokens for one outgoing server. */
type TokenSource = (
  renew: boolean,
) => Promise<{ token: string; expiresAt?: Date }>;

/**
 * The last line between a failed send and the queue, health and the log:
 * masks the outgoing server's password and client secret, its proxy's
 * password, and every access token its transports were handed (a pooled
 * transport asks for tokens long after it was opened, so they are
 * remembered per server as they are issued).
 */
export class SendRedaction {
  private readonly tokens = new Map<string, SecretRedactor>();

  /** `source`, remembering each token it hands out for `record`. */
  remembering(record: MailServerRecord, source: TokenSource): TokenSource {
    return async renew => {
      const issued = await source(renew);
      this.tokensOf(record).learn(issued.token);
      return issued;
    };
  }

  /** The error of a send through `record`, every secret in it masked (in place). */
  error<T>(
    error: T,
    record: MailServerRecord,
    secrets: { password?: string; clientSecret?: string },
    proxyPassword?: string,
  ): T {
    SecretRedactor.forServer(record, secrets, [proxyPassword]).error(error);
    return this.tokensOf(record).error(error);
  }

  private tokensOf(record: MailServerRecord): SecretRedactor {
    let redactor = this.tokens.get(record.id);
    if (!redactor) {
      redactor = SecretRedactor.forServer(record, {});
      this.tokens.set(record.id, redactor);
    }
    return redactor;
  }
}
