export { TicketPage, TicketView, useTicket } from './TicketPage';
