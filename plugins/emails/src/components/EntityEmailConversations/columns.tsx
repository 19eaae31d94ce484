import { TableColumn } from '@backstage/core-components';
import { Ticket } from '@internal/plugin-emails-common';
import { createdColumn, leadingTicketColumns } from '../TicketFields';

/**
 * The columns of an entity's email conversations; `linkTo` gives a request's
 * page; a `narrow` screen drops the creation time.
 */
export function conversationColumns(
  linkTo: (ticket: Ticket) => string,
  narrow = false,
): TableColumn<Ticket>[] {
  return [...leadingTicketColumns(linkTo), createdColumn(narrow)];
}
