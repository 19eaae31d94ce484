export { TicketPage, TicketView } from './TicketPage';
export { useTicket } from './useTicket';
