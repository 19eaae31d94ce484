import { TableColumn } from '@backstage/core-components';
import { Ticket } from '@internal/plugin-emails-common';
import {
  createdColumn,
  leadingTicketColumns,
  TechnicianGroupLink,
} from '../TicketFields';

/**
 * The columns of the Requests table; `linkTo` gives a request's page; a
 * `narrow` screen drops the creation time.
 */
export function requestColumns(
  linkTo: (ticket: Ticket) => string,
  narrow = false,
): TableColumn<Ticket>[] {
  return [
    ...leadingTicketColumns(linkTo),
    {
      title: 'Technician Group',
      render: t => <TechnicianGroupLink group={t.technicianGroup} />,
    },
    createdColumn(narrow),
  ];
}
