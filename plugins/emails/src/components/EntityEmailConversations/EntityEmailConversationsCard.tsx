import { ConversationsTable } from './ConversationsTable';

/**
 * For a catalog entity page: the email conversations (requests) of the
 * entity — a Group's requests, an email-server Resource's requests — each
 * linked to its page under Requests.
 */
export function EntityEmailConversationsCard() {
  return <ConversationsTable />;
}
