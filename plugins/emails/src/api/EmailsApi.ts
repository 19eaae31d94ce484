import { createApiRef } from '@backstage/core-plugin-api';
import {
  InboundMessage,
  MessageReplay,
  InboundMessageDetail,
  InboundStatus,
  Page,
  Ticket,
  TicketDetail,
  ConfigAuditEntry,
  ConnectionStage,
  ConnectionTestResult,
  EmailPreferences,
  EmailRule,
  EmailRuleList,
  IncomingEmailRule,
  IncomingEmailRuleList,
  IncomingServer,
  IncomingServerInput,
  MailDirection,
  OutboundMessage,
  OutboundStatus,
  OutgoingServer,
  OutgoingServerInput,
  ProxyInput,
  ProxyServer,
  OutsideReplyDecision,
  RuleSimulation,
  SampleMail,
  ServerActivity,
  TicketCloseInput,
  TicketEntry,
} from '@internal/plugin-emails-common';

/** What a form sends: the fields of API.md; secrets only when they change. */
export type IncomingServerDraft = Partial<IncomingServerInput> & {
  version?: number;
};
/** What a form sends: the fields of API.md; secrets only when they change. */
export type OutgoingServerDraft = Partial<OutgoingServerInput> & {
  version?: number;
};

/** A rule as a save sends it: a new rule has no id yet. */
export type EmailRuleDraft = Omit<EmailRule, 'id'> & { id?: string };

/** An incoming rule as a save sends it: a new rule has no id yet. */
export type IncomingRuleDraft = Omit<IncomingEmailRule, 'id'> & { id?: string };

/**
 * A message to run through the rule simulator: pasted text or a .eml file,
 * and the incoming server it is taken to arrive at (none: the backend's choice).
 */
export type RuleSimulationInput = ({ raw: string } | { file: Blob }) & {
  serverId?: string;
};

/** What became of the requester's notification when a ticket was closed. */
export type CloseNotification =
  | { queued: true; outboundId: string; to: string }
  | { queued: false; reason: string };

/** The answer to closing a ticket. */
export interface TicketCloseResult {
  status: 'closed';
  closedAt: string;
  notification: CloseNotification;
}

/** The Email Preference with its version, as read and written. */
export type VersionedPreferences = EmailPreferences & { version: number };

/** The emails backend as the frontend sees it. */
export interface EmailsApi {
  listIncomingServers(): Promise<IncomingServer[]>;
  getIncomingServer(id: string): Promise<IncomingServer>;
  createIncomingServer(draft: IncomingServerDraft): Promise<IncomingServer>;
  updateIncomingServer(
    id: string,
    draft: IncomingServerDraft,
  ): Promise<IncomingServer>;
  deleteIncomingServer(id: string): Promise<void>;

  listOutgoingServers(): Promise<OutgoingServer[]>;
  getOutgoingServer(id: string): Promise<OutgoingServer>;
  createOutgoingServer(draft: OutgoingServerDraft): Promise<OutgoingServer>;
  updateOutgoingServer(
    id: string,
    draft: OutgoingServerDraft,
  ): Promise<OutgoingServer>;
  deleteOutgoingServer(id: string): Promise<void>;

  /**
   * Test Connection; `onStage` sees each stage as the backend finishes it.
   * For outgoing servers, `to` also sends a test message.
   */
  testServer(
    direction: MailDirection,
    id: string,
    options?: { to?: string; onStage?: (stage: ConnectionStage) => void },
  ): Promise<ConnectionTestResult>;
  /** Fetch a sample mail: the oldest message, the mailbox untouched. */
  fetchSample(id: string): Promise<SampleMail>;

  /**
   * Starts an OAuth sign-in of a server: the provider's page to open in the
   * sign-in popup. 400 when the server does not sign in with an admin's consent.
   */
  startOAuth(
    direction: MailDirection,
    serverId: string,
  ): Promise<{ authorizationUrl: string }>;
  /** The Redirect URL to register at the provider: the backend's OAuth callback. */
  getOAuthRedirectUrl(): Promise<string>;

  listProxies(): Promise<ProxyServer[]>;
  createProxy(draft: Partial<ProxyInput>): Promise<ProxyServer>;
  updateProxy(
    id: string,
    draft: Partial<ProxyInput> & { version: number },
  ): Promise<ProxyServer>;
  deleteProxy(id: string): Promise<void>;

  getPreferences(): Promise<VersionedPreferences>;
  updatePreferences(
    preferences: VersionedPreferences,
  ): Promise<VersionedPreferences>;

  listConfigAudit(): Promise<ConfigAuditEntry[]>;

  /** The outgoing email rules in evaluation order, with the version a save must send. */
  getOutgoingRules(): Promise<EmailRuleList>;
  /** Replaces the whole ordered list; 400 names the bad fields, 409 means the version is stale. */
  saveOutgoingRules(list: {
    version: number;
    rules: EmailRuleDraft[];
  }): Promise<EmailRuleList>;

  /** The incoming email rules in evaluation order, with the version a save must send. */
  getIncomingRules(): Promise<IncomingEmailRuleList>;
  /** Replaces the whole ordered list; 400 names the bad fields, 409 means the version is stale. */
  saveIncomingRules(list: {
    version: number;
    rules: IncomingRuleDraft[];
  }): Promise<IncomingEmailRuleList>;
  /**
   * Runs a message through ingestion with every side effect off, under the
   * saved rules: the decision trace and what would happen. 404 or 501 while
   * the backend has no simulator; 400 when the message cannot be read.
   */
  simulateRules(input: RuleSimulationInput): Promise<RuleSimulation>;

  /** Poll an incoming server now. */
  syncServer(id: string): Promise<void>;
  /** Resume fetching of a server paused after too many message errors. */
  resumeServer(id: string): Promise<void>;
  /** Messages processed per hour and delivery-to-ticket latency of an incoming server, last 24 hours. */
  getServerActivity(id: string): Promise<ServerActivity>;

  /** The processing log, newest first. */
  listMessages(filter?: {
    serverId?: string;
    status?: InboundStatus;
    q?: string;
    cursor?: string;
  }): Promise<Page<InboundMessage>>;
  /** One message with its decision trace. */
  getMessage(id: string): Promise<InboundMessageDetail>;
  /** The stored original, as message/rfc822 bytes. */
  getMessageRaw(id: string): Promise<Blob>;
  /** Process a stored message again with today's settings; answers the message and what the replay did. */
  replayMessage(
    id: string,
  ): Promise<InboundMessage & { replay?: MessageReplay }>;

  /** The Outgoing queue, newest first. */
  listOutbound(filter?: {
    status?: OutboundStatus;
    ticketId?: string;
  }): Promise<{ items: OutboundMessage[] }>;
  /** Queue a failed message again. */
  retryOutbound(id: string): Promise<OutboundMessage>;

  /** Tickets of the built-in ticketing, newest first. */
  listTickets(filter?: {
    entityRef?: string;
    status?: 'open' | 'closed';
    cursor?: string;
  }): Promise<Page<Ticket>>;
  /** A ticket with its conversation. */
  getTicket(id: string): Promise<TicketDetail>;
  /** An attachment's bytes (always a download, never rendered). */
  getAttachment(id: string): Promise<Blob>;
  /** A technician's reply: stored on the ticket and emailed to the requester and CCs. */
  replyToTicket(
    ticketId: string,
    reply: {
      body: string;
      html?: string;
      cc: string[];
      outgoingServerId?: string;
      attachments: {
        filename: string;
        contentType: string;
        contentBase64: string;
      }[];
    },
  ): Promise<{ entryId: string; outboundId: string }>;
  /**
   * Closes an open ticket; the resolution is kept as a note and the
   * requester told unless `notifyRequester` is false. 409 when closed already.
   */
  closeTicket(
    ticketId: string,
    input: TicketCloseInput,
  ): Promise<TicketCloseResult>;
  /** Opens a closed ticket again; 409 when it is open. */
  reopenTicket(ticketId: string): Promise<{ status: 'open' }>;
  /**
   * Publishes a reply from outside the conversation (it becomes a reply) or
   * dismisses it (hidden, kept); 409 when it was decided already.
   */
  reviewOutsideReply(
    ticketId: string,
    entryId: string,
    decision: OutsideReplyDecision,
  ): Promise<TicketEntry>;
}

/** Reference to the EmailsApi implementation. */
export const emailsApiRef = createApiRef<EmailsApi>({ id: 'plugin.emails' });
