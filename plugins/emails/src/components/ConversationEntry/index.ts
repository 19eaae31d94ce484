export { ConversationEntry, ENTRY_KIND_LABELS } from './ConversationEntry';
