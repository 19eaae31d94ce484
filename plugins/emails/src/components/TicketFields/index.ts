export { PersonName } from './PersonName';
export { TechnicianGroupLink } from './TechnicianGroupLink';
export { TicketStatusChip, TICKET_STATUS_LABELS } from './TicketStatusChip';
export { createdColumn, leadingTicketColumns } from './ticketColumns';
