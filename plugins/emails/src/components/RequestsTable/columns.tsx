import { Link, TableColumn } from '@backstage/core-components';
import { Ticket } from '@internal/plugin-emails-common';
import { formatTime } from '../common/formatting';
import {
  PersonName,
  TechnicianGroupLink,
  TicketStatusChip,
} from '../TicketFields';

/** The columns of the Requests table; `linkTo` gives a request's page. */
export function requestColumns(
  linkTo: (ticket: Ticket) => string,
): TableColumn<Ticket>[] {
  return [
    {
      title: 'Reference',
      render: t => <Link to={linkTo(t)}>{t.reference}</Link>,
    },
    { title: 'Title', field: 'title' },
    { title: 'Status', render: t => <TicketStatusChip status={t.status} /> },
    { title: 'Requester', render: t => <PersonName person={t.requester} /> },
    {
      title: 'Technician Group',
      render: t => <TechnicianGroupLink group={t.technicianGroup} />,
    },
    {
      title: 'Created',
      render: t => formatTime(t.createdAt),
      // A date on one line, not "1:57:36" above a lone "PM".
      cellStyle: { whiteSpace: 'nowrap' },
    },
  ];
}
