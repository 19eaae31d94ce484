import { Link, TableColumn } from '@backstage/core-components';
import { Ticket } from '@internal/plugin-emails-common';
import { formatTime } from '../common/formatting';
import { PersonName, TicketStatusChip } from '../TicketFields';

/** The columns of an entity's email conversations; `linkTo` gives a request's page. */
export function conversationColumns(
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
    { title: 'Created', render: t => formatTime(t.createdAt) },
  ];
}
