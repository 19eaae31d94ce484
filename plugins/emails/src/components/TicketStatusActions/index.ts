export { TicketStatusActions } from './TicketStatusActions';
export type { TicketStatusActionsProps } from './TicketStatusActions';
