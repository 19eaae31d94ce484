import { Ticket } from '@internal/plugin-emails-common';
import { Chip } from '@material-ui/core';

/** Ticket statuses as the product shows them. */
export const TICKET_STATUS_LABELS: Record<Ticket['status'], string> = {
  open: 'Open',
  closed: 'Closed',
};

/** The status of a request: Open or Closed. */
export function TicketStatusChip(props: { status: Ticket['status'] }) {
  return (
    <Chip
      size="small"
      color={props.status === 'open' ? 'primary' : 'default'}
      label={TICKET_STATUS_LABELS[props.status] ?? props.status}
      // Without the theme's chip margins, which lift it above the text beside it.
      style={{ margin: 0 }}
    />
  );
}
