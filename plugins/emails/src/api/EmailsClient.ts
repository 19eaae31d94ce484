import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  InboundMessage,
  MessageReplay,
  OutboundMessage,
  OutboundStatus,
  InboundMessageDetail,
  InboundStatus,
  Page,
  Ticket,
  TicketDetail,
  ConfigAuditEntry,
  ConnectionStage,
  ConnectionTestResult,
  EmailRuleList,
  IncomingEmailRuleList,
  IncomingServer,
  MailDirection,
  OutgoingServer,
  ProxyInput,
  ProxyServer,
  OutsideReplyDecision,
  RuleSimulation,
  SampleMail,
  TicketCloseInput,
  TicketEntry,
  ServerActivity,
} from '@internal/plugin-emails-common';
import {
  EmailRuleDraft,
  EmailsApi,
  IncomingRuleDraft,
  IncomingServerDraft,
  OutgoingServerDraft,
  RuleSimulationInput,
  TicketCloseResult,
  VersionedPreferences,
} from './EmailsApi';
import { enc, query, RawBody } from './paths';
import { readLines } from './readLines';

/** EmailsApi over the backend's REST API, with the signed-in user's credentials. */
export class EmailsClient implements EmailsApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  listIncomingServers(): Promise<IncomingServer[]> {
    return this.request('GET', '/servers/incoming');
  }
  getIncomingServer(id: string): Promise<IncomingServer> {
    return this.request('GET', `/servers/incoming/${enc(id)}`);
  }
  createIncomingServer(draft: IncomingServerDraft): Promise<IncomingServer> {
    return this.request('POST', '/servers/incoming', draft);
  }
  updateIncomingServer(id: string, draft: IncomingServerDraft) {
    return this.request<IncomingServer>(
      'PUT',
      `/servers/incoming/${enc(id)}`,
      draft,
    );
  }
  deleteIncomingServer(id: string): Promise<void> {
    return this.request('DELETE', `/servers/incoming/${enc(id)}`);
  }

  listOutgoingServers(): Promise<OutgoingServer[]> {
    return this.request('GET', '/servers/outgoing');
  }
  getOutgoingServer(id: string): Promise<OutgoingServer> {
    return this.request('GET', `/servers/outgoing/${enc(id)}`);
  }
  createOutgoingServer(draft: OutgoingServerDraft): Promise<OutgoingServer> {
    return this.request('POST', '/servers/outgoing', draft);
  }
  updateOutgoingServer(id: string, draft: OutgoingServerDraft) {
    return this.request<OutgoingServer>(
      'PUT',
      `/servers/outgoing/${enc(id)}`,
      draft,
    );
  }
  deleteOutgoingServer(id: string): Promise<void> {
    return this.request('DELETE', `/servers/outgoing/${enc(id)}`);
  }

  async testServer(
    direction: MailDirection,
    id: string,
    options: { to?: string; onStage?: (stage: ConnectionStage) => void } = {},
  ): Promise<ConnectionTestResult> {
    // The backend streams one JSON line per finished stage, then the result.
    const response = await this.send(
      'POST',
      `/servers/${direction}/${enc(id)}/test`,
      options.to ? { to: options.to } : {},
      'application/x-ndjson',
    );
    const text = await readLines(response, line => {
      const item = JSON.parse(line);
      if (item.stage) options.onStage?.(item as ConnectionStage);
    });
    // The result is the last line; a stream cut short ends on a stage instead.
    const last = JSON.parse(text.pop() ?? '{}');
    if (!Array.isArray(last.stages)) {
      throw new Error(
        'Test Connection ended before the backend sent its result',
      );
    }
    return last as ConnectionTestResult;
  }

  fetchSample(id: string): Promise<SampleMail> {
    return this.request('POST', `/servers/incoming/${enc(id)}/sample`, {});
  }

  startOAuth(
    direction: MailDirection,
    serverId: string,
  ): Promise<{ authorizationUrl: string }> {
    return this.request('POST', '/oauth/start', {
      serverKind: direction,
      serverId,
    });
  }
  async getOAuthRedirectUrl(): Promise<string> {
    const answer = await this.request<{ redirectUrl: string }>(
      'GET',
      '/oauth/redirect-url',
    );
    return answer.redirectUrl;
  }

  listProxies(): Promise<ProxyServer[]> {
    return this.request('GET', '/proxies');
  }
  createProxy(draft: Partial<ProxyInput>): Promise<ProxyServer> {
    return this.request('POST', '/proxies', draft);
  }
  updateProxy(id: string, draft: Partial<ProxyInput> & { version: number }) {
    return this.request<ProxyServer>('PUT', `/proxies/${enc(id)}`, draft);
  }
  deleteProxy(id: string): Promise<void> {
    return this.request('DELETE', `/proxies/${enc(id)}`);
  }

  getPreferences(): Promise<VersionedPreferences> {
    return this.request('GET', '/preferences');
  }
  updatePreferences(p: VersionedPreferences): Promise<VersionedPreferences> {
    return this.request('PUT', '/preferences', p);
  }

  listConfigAudit(): Promise<ConfigAuditEntry[]> {
    return this.request('GET', '/audit/config');
  }

  getOutgoingRules(): Promise<EmailRuleList> {
    return this.request('GET', '/rules/outgoing');
  }
  saveOutgoingRules(list: {
    version: number;
    rules: EmailRuleDraft[];
  }): Promise<EmailRuleList> {
    return this.request('PUT', '/rules/outgoing', list);
  }

  getIncomingRules(): Promise<IncomingEmailRuleList> {
    return this.request('GET', '/rules/incoming');
  }
  saveIncomingRules(list: {
    version: number;
    rules: IncomingRuleDraft[];
  }): Promise<IncomingEmailRuleList> {
    return this.request('PUT', '/rules/incoming', list);
  }
  simulateRules(input: RuleSimulationInput): Promise<RuleSimulation> {
    const message = 'file' in input ? input.file : input.raw;
    const path = `/rules/simulate${query({ serverId: input.serverId })}`;
    return this.request('POST', path, new RawBody(message, 'message/rfc822'));
  }

  async syncServer(id: string): Promise<void> {
    await this.send('POST', `/servers/incoming/${enc(id)}/sync`, {});
  }
  async resumeServer(id: string): Promise<void> {
    await this.send('POST', `/servers/incoming/${enc(id)}/resume`, {});
  }
  getServerActivity(id: string): Promise<ServerActivity> {
    return this.request('GET', `/servers/incoming/${enc(id)}/activity`);
  }

  listMessages(
    filter: {
      serverId?: string;
      status?: InboundStatus;
      q?: string;
      cursor?: string;
    } = {},
  ): Promise<Page<InboundMessage>> {
    return this.request('GET', `/messages${query(filter)}`);
  }
  getMessage(id: string): Promise<InboundMessageDetail> {
    return this.request('GET', `/messages/${enc(id)}`);
  }
  async getMessageRaw(id: string): Promise<Blob> {
    return (
      await this.send(
        'GET',
        `/messages/${enc(id)}/raw`,
        undefined,
        'message/rfc822',
      )
    ).blob();
  }
  replayMessage(
    id: string,
  ): Promise<InboundMessage & { replay?: MessageReplay }> {
    return this.request('POST', `/messages/${enc(id)}/replay`, {});
  }

  listOutbound(
    filter: { status?: OutboundStatus; ticketId?: string } = {},
  ): Promise<{ items: OutboundMessage[] }> {
    return this.request('GET', `/outbound${query(filter)}`);
  }
  retryOutbound(id: string): Promise<OutboundMessage> {
    return this.request('POST', `/outbound/${enc(id)}/retry`, {});
  }

  listTickets(
    filter: {
      entityRef?: string;
      status?: 'open' | 'closed';
      cursor?: string;
    } = {},
  ): Promise<Page<Ticket>> {
    return this.request('GET', `/tickets${query(filter)}`);
  }
  getTicket(id: string): Promise<TicketDetail> {
    return this.request('GET', `/tickets/${enc(id)}`);
  }
  async getAttachment(id: string): Promise<Blob> {
    return (
      await this.send('GET', `/attachments/${enc(id)}`, undefined, '*/*')
    ).blob();
  }

  replyToTicket(
    ticketId: string,
    reply: Parameters<EmailsApi['replyToTicket']>[1],
  ): Promise<{ entryId: string; outboundId: string }> {
    return this.request('POST', `/tickets/${enc(ticketId)}/replies`, reply);
  }
  closeTicket(
    ticketId: string,
    input: TicketCloseInput,
  ): Promise<TicketCloseResult> {
    return this.request('POST', `/tickets/${enc(ticketId)}/close`, input);
  }
  reopenTicket(ticketId: string): Promise<{ status: 'open' }> {
    return this.request('POST', `/tickets/${enc(ticketId)}/reopen`, {});
  }
  reviewOutsideReply(
    ticketId: string,
    entryId: string,
    decision: OutsideReplyDecision,
  ): Promise<TicketEntry> {
    return this.request(
      'POST',
      `/tickets/${enc(ticketId)}/entries/${enc(entryId)}/${decision}`,
      {},
    );
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await this.send(method, path, body);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(
    method: string,
    path: string,
    body?: unknown,
    accept = 'application/json',
  ): Promise<Response> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('emails');
    const init: RequestInit = { method, headers: { Accept: accept } };
    if (body instanceof RawBody) {
      init.headers = { ...init.headers, 'Content-Type': body.type };
      init.body = body.data;
    } else if (body !== undefined) {
      init.headers = { ...init.headers, 'Content-Type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
