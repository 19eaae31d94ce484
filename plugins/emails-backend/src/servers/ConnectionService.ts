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
import { fetchSample, SampleFetchError, testConnection } from '../mail';
import { SecretRedactor } from '../mail/secrets';
import { MailServerService } from './MailServerService';
import { testGraphConnection } from '../mail/graph/graphDiagnostics';
import { testEwsConnection } from '../mail/ews/ewsDiagnostics';
import { ewsTarget } from '../mail/ews/ewsTarget';
import { toIncomingServer } from '../service/serverView';
import { usesOAuth } from '../oauth/clientSettings';
import { OAuthFetch } from '../oauth/http';
import { explainOAuth } from './oauthStages';
import { ServerSecrets } from './secretFields';

/** Where and how to reach a mailbox, as the diagnostics take it. */
export type Target = Parameters<typeof testConnection>[0];

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
    // The last line before the stream, the answer and health: every stage
    // passes through the server's secrets (the drivers mask what they know).
    const redactor = SecretRedactor.forServer(record, secrets);
    const onStage =
      options.onStage &&
      ((stage: ConnectionStage) => options.onStage!(redactor.stage(stage)));
    if (record.protocol === 'graph' || record.protocol === 'ews') {
      const result =
        record.protocol === 'graph'
          ? await this.testGraph(direction, record, redactor, onStage)
          : await this.testEws(direction, record, secrets, redactor, onStage);
      return this.observe(direction, id, record, result, redactor);
    }
    const { target, tokenFailure, scopes } = await this.target(
      direction,
      record,
      secrets,
    );
    if (target.auth.type === 'oauth') redactor.learn(target.auth.accessToken);
    const explain = explainOAuth(record, target, tokenFailure, scopes);
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
    return this.observe(direction, id, record, explained, redactor);
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
    const redactor = SecretRedactor.forServer(record, secrets);
    if (tokenFailure) {
      // The mailbox cannot be signed in to: a failure of the sign-in, not of the request.
      throw new SampleFetchError(
        redactor.redact(tokenFailure.message),
        redactor.redact(tokenFailure.hint),
        'auth',
      );
    }
    if (target.auth.type === 'oauth') redactor.learn(target.auth.accessToken);
    let sample: SampleMail;
    try {
      sample = await fetchSample(target, {
        timeoutMs: this.deps.timeoutMs,
        ca: this.ca(),
      });
    } catch (error) {
      throw redactor.error(error);
    }
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
    redactor: SecretRedactor,
    onStage?: (stage: ConnectionStage) => void,
  ): Promise<ConnectionTestResult> {
    const s = record.settings as Record<string, any>;
    return testGraphConnection({
      endpoint: (s.graphEndpoint || DEFAULT_GRAPH_ENDPOINT).replace(/\/+$/, ''),
      mailbox: record.email,
      direction,
      token: () => this.oauthToken(direction, record.id, redactor),
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
    redactor: SecretRedactor,
    onStage?: (stage: ConnectionStage) => void,
  ): Promise<ConnectionTestResult> {
    let token: { token: string; scopes?: string[] } | undefined;
    let tokenFailure: { message: string; hint: string } | undefined;
    if (usesOAuth(record)) {
      try {
        token = await this.oauthToken(direction, record.id, redactor);
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

  /** A token for the server; `redactor` learns it, so no message repeats it. */
  private async oauthToken(
    direction: MailDirection,
    serverId: string,
    redactor?: SecretRedactor,
  ) {
    if (!this.deps.oauthToken) {
      throw new Error('OAuth is not available in this backend');
    }
    const token = await this.deps.oauthToken(direction, serverId);
    redactor?.learn(token.token);
    return token;
  }

  private ca(): string[] | undefined {
    return this.deps.trustedCertificates.length
      ? this.deps.trustedCertificates
      : undefined;
  }

  /** Masks the result's stages, then records it as the server's health; answers the masked result. */
  private async observe(
    direction: MailDirection,
    id: string,
    record: MailServerRecord,
    unmasked: ConnectionTestResult,
    redactor: SecretRedactor,
  ): Promise<ConnectionTestResult> {
    const result = {
      ...unmasked,
      stages: unmasked.stages.map(stage => redactor.stage(stage)),
    };
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
      // The same words as a failed scheduled fetch (src/health/failureStage.ts).
      error: failed ? stageError(failed) : undefined,
    });
    return result;
  }
}

function stageError(stage: { stage: string; message: string; hint?: string }) {
  const said = `${stage.stage}: ${stage.message}`;
  return stage.hint ? `${said}. ${stage.hint}` : said;
}
