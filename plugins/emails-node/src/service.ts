import {
  AuthService,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  IncomingServer,
  OutboundMessage,
  OutboundSendRequest,
} from '@internal/plugin-emails-common';

/**
 * Mail for other backend plugins: what they send goes into the emails
 * channel's durable queue, so the outgoing email rules, primary fallback,
 * retries and the Outgoing Queue apply to it as to the channel's own mail.
 */
export interface EmailsService {
  /** Queues a message; answers with it as the Outgoing Queue shows it (status `queued`). */
  send(message: OutboundSendRequest): Promise<OutboundMessage>;
  /** A queued message's state: queued, sending, sent or failed, with the last error. */
  getMessage(id: string): Promise<OutboundMessage>;
  /** The mailboxes (incoming servers) with their health, e.g. to warn when one is failing. */
  listMailboxes(): Promise<IncomingServer[]>;
}

/** An error answer of the emails backend, with its status and message. */
export class EmailsServiceError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'EmailsServiceError';
  }
}

/** Calls the emails backend over HTTP with this plugin's service credentials. */
export class EmailsServiceClient implements EmailsService {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  send(message: OutboundSendRequest): Promise<OutboundMessage> {
    return this.call('POST', '/outbound', message);
  }

  getMessage(id: string): Promise<OutboundMessage> {
    return this.call('GET', `/outbound/${encodeURIComponent(id)}`);
  }

  listMailboxes(): Promise<IncomingServer[]> {
    return this.call('GET', '/servers/incoming');
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const { auth, discovery } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'emails',
    });
    const baseUrl = await discovery.getBaseUrl('emails');
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = JSON.parse(text).error?.message ?? text;
      } catch {
        // Not JSON: the text is the message.
      }
      throw new EmailsServiceError(
        response.status,
        `emails ${method} ${path} failed with ${response.status}: ${message}`,
      );
    }
    return JSON.parse(text) as T;
  }
}

/**
 * The emails channel for other backend plugins:
 * `deps: { emails: emailsServiceRef }`, then `emails.send({ to, subject, text })`.
 */
export const emailsServiceRef = createServiceRef<EmailsService>({
  id: 'emails.service',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: deps => new EmailsServiceClient(deps),
    }),
});
