/** Events topic on which the emails backend announces mail server changes. */
export const EMAILS_SERVERS_TOPIC = 'emails.servers';

/** Payload of an EMAILS_SERVERS_TOPIC event. */
export interface EmailsServersChangedEvent {
  direction: 'incoming' | 'outgoing';
  /** The server that was added, changed or deleted. */
  serverId?: string;
}
