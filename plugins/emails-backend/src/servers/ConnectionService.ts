import { InputError } from '@backstage/errors';
import {
  ConnectionStage,
  ConnectionTestResult,
  isEmailAddress,
  MailDirection,
  SampleMail,
  SecurityType,
} from '@internal/plugin-emails-common';
import { MailServerRecord, ServerHealthStore } from '../database';
import { fetchSample, testConnection } from '../mail';
import { MailServerService } from './MailServerService';
import { ServerSecrets } from './secretFields';

/** Where and how to reach a mailbox, as the diagnostics take it. */
type Target = Parameters<typeof testConnection>[0];

// "Sign in with Microsoft" needs no host, port or security (seed 001): these
// are Microsoft's published endpoints for Exchange Online.
const MICROSOFT_ENDPOINTS: Record<
  string,
  { host: string; port: number; security: SecurityType }
> = {
  imap: { host: 'outlook.office365.com', port: 993, security: 'ssl' },
  pop3: { host: 'outlook.office365.com', port: 995, security: 'ssl' },
  smtp: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
};

/** Test Connection and Fetch a sample mail for stored servers. */
export class ConnectionService {
  constructor(
    private readonly deps: {
      servers: Record<MailDirection, MailServerService>;
      health: ServerHealthStore;
      timeoutMs: number;
      trustedCertificates: string[];
    },
  ) {}

  /** Runs the staged check; `onStage` sees each stage as it finishes. */
  async test(
    direction: MailDirection,
    id: string,
    options: { to?: string; onStage?: (stage: ConnectionStage) => void } = {},
  ): Promise<ConnectionTestResult> {
    if (
      options.to !== undefined &&
      (direction !== 'outgoing' || !isEmailAddress(options.to))
    ) {
      throw new InputError(
        direction === 'outgoing'
          ? 'Invalid test: to must be a valid email address like name@example.com'
          : 'Invalid test: to applies to outgoing servers only',
      );
    }
    const { record, secrets } = await this.deps.servers[direction].withSecrets(
      id,
    );
    const target = this.target(record, secrets);
    const explain = unauthorizedOAuth(record, target);
    const onStage = options.onStage;
    const result = await testConnection(target, {
      timeoutMs: this.deps.timeoutMs,
      ca: this.ca(),
      onStage: onStage && (stage => explain(stage).forEach(onStage)),
      sendTestTo: options.to
        ? { from: record.email, to: options.to }
        : undefined,
    });
    // A fresh rewriter: the streaming one has already seen the auth stage.
    const stages = result.stages.flatMap(unauthorizedOAuth(record, target));
    const explained = { ...result, stages, ok: stages.every(s => s.ok) };
    await this.observe(direction, id, record, explained);
    return explained;
  }

  /** The oldest message of an incoming IMAP or POP3 mailbox, which stays untouched. */
  async sample(id: string): Promise<SampleMail> {
    const { record, secrets } = await this.deps.servers.incoming.withSecrets(
      id,
    );
    const sample = await fetchSample(this.target(record, secrets), {
      timeoutMs: this.deps.timeoutMs,
      ca: this.ca(),
    });
    if (sample.ticket) {
      sample.ticket.technicianGroup = record.technicianGroup;
      sample.ticket.category = record.settings.category as string | undefined;
    }
    return sample;
  }

  private target(record: MailServerRecord, secrets: ServerSecrets): Target {
    const s = record.settings as Record<string, any>;
    if (record.protocol === 'smtp-push') {
      throw new InputError(
        "Test Connection does not apply to SMTP push mailboxes: the organisation's mail server delivers to the push listener (emails.smtpPush)",
      );
    }
    if (!['imap', 'pop3', 'smtp'].includes(record.protocol)) {
      throw new InputError(
        `Test Connection is available for IMAP, POP3 and SMTP servers; ${record.protocol.toUpperCase()} is checked by its driver when it fetches`,
      );
    }
    const endpoint =
      s.provider === 'microsoft'
        ? MICROSOFT_ENDPOINTS[record.protocol]
        : { host: s.host, port: s.port, security: s.security };
    return {
      protocol: record.protocol as Target['protocol'],
      host: endpoint.host,
      port: endpoint.port,
      security: endpoint.security,
      auth: this.auth(record, secrets),
    };
  }

  private auth(
    record: MailServerRecord,
    secrets: ServerSecrets,
  ): Target['auth'] {
    const s = record.settings as Record<string, any>;
    const username: string = s.username || record.email;
    if (record.protocol === 'smtp' && s.authNeeded === false) {
      return { type: 'none' };
    }
    if (usesOAuth(record)) {
      // Tokens come from the OAuth sign-in, which stores them with the
      // secrets; until then the check runs up to the sign-in and says why.
      const token = (secrets as { accessToken?: string }).accessToken;
      return token
        ? { type: 'oauth', username, accessToken: token }
        : { type: 'none' };
    }
    return { type: 'basic', username, password: secrets.password ?? '' };
  }

  private ca(): string[] | undefined {
    return this.deps.trustedCertificates.length
      ? this.deps.trustedCertificates
      : undefined;
  }

  private async observe(
    direction: MailDirection,
    id: string,
    record: MailServerRecord,
    result: ConnectionTestResult,
  ) {
    const failed = result.stages.find(s => !s.ok && !s.skipped);
    let status: 'reachable' | 'unreachable' | 'auth-expired' = 'reachable';
    if (failed) {
      status =
        failed.stage === 'auth' && usesOAuth(record)
          ? 'auth-expired'
          : 'unreachable';
    }
    await this.deps.health.observe(direction, id, {
      status,
      error: failed ? `${failed.stage}: ${failed.message}` : undefined,
    });
  }
}

function usesOAuth(record: MailServerRecord): boolean {
  const s = record.settings as Record<string, any>;
  return s.provider === 'microsoft' || s.authType === 'oauth';
}

/**
 * For an OAuth mailbox nobody has authorized yet, the check runs without a
 * sign-in: its auth stage becomes a failure that says why (SMTP would call it
 * "not needed"), and the stages after it are dropped.
 */
function unauthorizedOAuth(record: MailServerRecord, target: Target) {
  const waiting = usesOAuth(record) && target.auth.type === 'none';
  let authSeen = false;
  return (stage: ConnectionStage): ConnectionStage[] => {
    if (!waiting) return [stage];
    if (authSeen) return [];
    if (stage.stage !== 'auth') return [stage];
    authSeen = true;
    return [
      {
        ...stage,
        ok: false,
        skipped: undefined,
        message:
          'The mailbox has no OAuth token yet: nobody has signed in to authorize it',
        hint: 'Complete the OAuth sign-in for this server (Client ID, Client Secret, Authorization URL, Token URL and Scope must match the app registration), then test again.',
      },
    ];
  };
}
