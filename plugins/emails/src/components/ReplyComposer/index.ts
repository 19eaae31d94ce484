export { ReplyComposer } from './ReplyComposer';
export type { ReplyAttachment, TicketReply } from './types';
