import { InputError } from '@backstage/errors';
import {
  ConnectionStage,
  ConnectionTestResult,
  DEFAULT_GRAPH_ENDPOINT,
  isEmailAddress,
  MailDirection,
  SampleMail,
  SecurityType,
} from '@internal/plugin-emails-common';
import { MailServerRecord, ServerHealthStore } from '../database';
import { fetchSample, testConnection } from '../mail';
import { MailServerService } from './MailServerService';
import { testGraphConnection } from '../mail/graph/graphDiagnostics';
import { testEwsConnection } from '../mail/ews/ewsDiagnostics';
import { ewsTarget } from '../mail/ews/ewsTarget';
import { toIncomingServer } from '../service/serverView';
import { usesOAuth } from '../oauth/clientSettings';
import { OAuthFetch } from '../oauth/http';
import { missingScope } from '../oauth/scopes';
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
      /** HTTPS to Microsoft Graph, trusting the configured CAs. */
      graphFetch?: OAuthFetch;
      /** Access tokens of OAuth servers (OAuthTokens). */
      oauthToken?: (
        direction: MailDirection,
        serverId: string,
      ) => Promise<{ token: string; scopes?: string[] }>;
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
    if (record.protocol === 'graph' || record.protocol === 'ews') {
      const result =
        record.protocol === 'graph'
          ? await this.testGraph(direction, record, options.onStage)
          : await this.testEws(direction, record, secrets, options.onStage);
      await this.observe(direction, id, record, result);
      return result;
    }
    const { target, tokenFailure, scopes } = await this.target(
      direction,
      record,
      secrets,
    );
    const explain = explainOAuth(record, target, tokenFailure, scopes);
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
    const stages = result.stages.flatMap(
      explainOAuth(record, target, tokenFailure, scopes),
    );
    const explained = { ...result, stages, ok: stages.every(s => s.ok) };
    await this.observe(direction, id, record, explained);
    return explained;
  }

  /** The oldest message of an incoming IMAP or POP3 mailbox, which stays untouched. */
  async sample(id: string): Promise<SampleMail> {
    const { record, secrets } = await this.deps.servers.incoming.withSecrets(
      id,
    );
    const { target, tokenFailure } = await this.target(
      'incoming',
      record,
      secrets,
    );
    if (tokenFailure) {
      throw new InputError(`${tokenFailure.message}. ${tokenFailure.hint}`);
    }
    const sample = await fetchSample(target, {
      timeoutMs: this.deps.timeoutMs,
      ca: this.ca(),
    });
    if (sample.ticket) {
      sample.ticket.technicianGroup = record.technicianGroup;
      sample.ticket.category = record.settings.category as string | undefined;
    }
    return sample;
  }

  private async target(
    direction: MailDirection,
    record: MailServerRecord,
    secrets: ServerSecrets,
  ): Promise<{
    target: Target;
    tokenFailure?: { message: string; hint: string };
    scopes?: string[];
  }> {
    const s = record.settings as Record<string, any>;
    if (record.protocol === 'smtp-push') {
      throw new InputError(
        "Test Connection does not apply to SMTP push mailboxes: the organisation's mail server delivers to the push listener (emails.smtpPush)",
      );
    }
    if (!['imap', 'pop3', 'smtp'].includes(record.protocol)) {
      throw new InputError(
        `Test Connection is available for IMAP, POP3, SMTP, EWS and Microsoft Graph servers; ${record.protocol.toUpperCase()} is checked by its driver when it fetches`,
      );
    }
    const endpoint =
      s.provider === 'microsoft'
        ? MICROSOFT_ENDPOINTS[record.protocol]
        : { host: s.host, port: s.port, security: s.security };
    const base = {
      protocol: record.protocol as Target['protocol'],
      host: endpoint.host,
      port: endpoint.port,
      security: endpoint.security,
    };
    const username: string = s.username || record.email;
    if (record.protocol === 'smtp' && s.authNeeded === false) {
      return { target: { ...base, auth: { type: 'none' } } };
    }
    if (!usesOAuth(record)) {
      const password = secrets.password ?? '';
      return {
        target: { ...base, auth: { type: 'basic', username, password } },
      };
    }
    try {
      const token = await this.oauthToken(direction, record.id);
      return {
        target: {
          ...base,
          auth: { type: 'oauth', username, accessToken: token.token },
        },
        scopes: token.scopes,
      };
    } catch (error) {
      // The check runs up to the sign-in and its auth stage says why.
      const failure = error as { message: string; hint?: string };
      return {
        target: { ...base, auth: { type: 'none' } },
        tokenFailure: {
          message: failure.message,
          hint: failure.hint ?? 'Sign in again, then test again.',
        },
      };
    }
  }

  private testGraph(
    direction: MailDirection,
    record: MailServerRecord,
    onStage?: (stage: ConnectionStage) => void,
  ): Promise<ConnectionTestResult> {
    const s = record.settings as Record<string, any>;
    return testGraphConnection({
      endpoint: (s.graphEndpoint || DEFAULT_GRAPH_ENDPOINT).replace(/\/+$/, ''),
      mailbox: record.email,
      direction,
      token: () => this.oauthToken(direction, record.id),
      fetch: this.deps.graphFetch ?? fetch,
      ca: this.ca(),
      timeoutMs: this.deps.timeoutMs,
      onStage,
    });
  }

  private async testEws(
    direction: MailDirection,
    record: MailServerRecord,
    secrets: ServerSecrets,
    onStage?: (stage: ConnectionStage) => void,
  ): Promise<ConnectionTestResult> {
    let token: { token: string; scopes?: string[] } | undefined;
    let tokenFailure: { message: string; hint: string } | undefined;
    if (usesOAuth(record)) {
      try {
        token = await this.oauthToken(direction, record.id);
      } catch (error) {
        const failure = error as { message: string; hint?: string };
        tokenFailure = {
          message: failure.message,
          hint: failure.hint ?? 'Sign in again, then test again.',
        };
      }
    }
    const target = ewsTarget(record, {
      password: secrets.password,
      oauthToken: token && (async () => token!.token),
      ca: this.ca(),
      timeoutMs: this.deps.timeoutMs,
    });
    return testEwsConnection({
      target,
      direction,
      folders:
        direction === 'incoming' ? toIncomingServer(record).folders : undefined,
      scopes: token?.scopes,
      tokenFailure,
      timeoutMs: this.deps.timeoutMs,
      onStage,
    });
  }

  private async oauthToken(direction: MailDirection, serverId: string) {
    if (!this.deps.oauthToken) {
      throw new Error('OAuth is not available in this backend');
    }
    return this.deps.oauthToken(direction, serverId);
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

/**
 * OAuth in the stages: a server without a token gets an auth stage that
 * says why (SMTP would call it "not needed") and no stages after it; a token
 * the mail server refused is checked against the scope the protocol needs.
 */
function explainOAuth(
  record: MailServerRecord,
  target: Target,
  tokenFailure: { message: string; hint: string } | undefined,
  scopes: string[] | undefined,
) {
  let authSeen = false;
  return (stage: ConnectionStage): ConnectionStage[] => {
    if (!usesOAuth(record)) return [stage];
    if (tokenFailure) {
      if (authSeen) return [];
      if (stage.stage !== 'auth') return [stage];
      authSeen = true;
      return [{ ...stage, ok: false, skipped: undefined, ...tokenFailure }];
    }
    if (stage.stage !== 'auth' || stage.ok) return [stage];
    const provider = (record.settings as Record<string, any>).provider;
    const missing = missingScope(provider ?? 'other', target.protocol, scopes);
    return missing ? [{ ...stage, ...missing }] : [stage];
  };
}
