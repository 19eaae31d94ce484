export { EntityEmailConversationsCard } from './EntityEmailConversationsCard';
export { EntityEmailConversationsContent } from './EntityEmailConversationsContent';
