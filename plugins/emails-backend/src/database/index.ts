export { openDatabase } from './migrations';
export { MailServerStore } from './MailServerStore';
export type { MailServerRecord, MailServerInput } from './MailServerStore';
export { ProxyStore } from './ProxyStore';
export type { ProxyRecord, ProxyInput } from './ProxyStore';
export { PreferenceStore } from './PreferenceStore';
export type { PreferenceRecord } from './PreferenceStore';
export { ConfigAuditStore } from './ConfigAuditStore';
export type { NewConfigAuditEntry } from './ConfigAuditStore';
export { ServerHealthStore, unknownHealth } from './ServerHealthStore';
export type { HealthObservation, StoredHealth } from './ServerHealthStore';
export { MailboxCursorStore } from './MailboxCursorStore';
export type { MailboxCursor } from './MailboxCursorStore';
export { createStores } from './Stores';
export type { Stores } from './Stores';
export { InboundMessageStore } from './InboundMessageStore';
export type { InboundRecord, InboundUpdate } from './InboundMessageStore';
export { TicketStore } from './TicketStore';
export type { NewTicket, NewEntry, TicketFilter } from './TicketStore';
export { AttachmentStore } from './AttachmentStore';
export { NO_TICKETS } from './ticketAccess';
export type { TechnicianGroupQuery, TicketAccess } from './ticketAccess';
export type { NewAttachment } from './AttachmentStore';
export { OutboundStore } from './OutboundStore';
export type {
  OutboundInput,
  OutboundMessage,
  OutboundRouting,
  OutboundStatus,
} from './OutboundStore';
export { OAuthStore } from './OAuthStore';
export type {
  OAuthConsentInput,
  OAuthGrantRecord,
  OAuthStateRecord,
  StateRefusal,
} from './OAuthStore';
export { MessageNumberStore } from './MessageNumberStore';
export { ServerAlertStore } from './ServerAlertStore';
export type {
  FailureCounting,
  FailureDecision,
  ServerAlertKind,
  ServerAlertState,
} from './ServerAlertStore';
export { ServerActivityStore } from './ServerActivityStore';
export type { ProcessedMessage } from './ServerActivityStore';
