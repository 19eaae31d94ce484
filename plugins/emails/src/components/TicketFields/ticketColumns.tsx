import { Link, TableColumn } from '@backstage/core-components';
import { Ticket } from '@internal/plugin-emails-common';
import { formatTime } from '../common/formatting';
import { TruncatedText } from '../common/TruncatedText';
import { PersonName } from './PersonName';
import { TicketStatusChip } from './TicketStatusChip';

/** The columns every ticket table starts with: reference (a link), title, status, requester. */
export function leadingTicketColumns(
  linkTo: (ticket: Ticket) => string,
): TableColumn<Ticket>[] {
  return [
    {
      title: 'Reference',
      render: t => <Link to={linkTo(t)}>{t.reference}</Link>,
      cellStyle: { whiteSpace: 'nowrap' },
    },
    {
      title: 'Title',
      render: t => <TruncatedText text={t.title} maxWidth={320} />,
    },
    { title: 'Status', render: t => <TicketStatusChip status={t.status} /> },
    {
      title: 'Requester',
      render: t => <PersonName person={t.requester} maxWidth={240} />,
    },
  ];
}

/**
 * When a ticket was created; hidden on a `narrow` screen, where the
 * reference, title and requester need the room more.
 */
export function createdColumn(narrow: boolean): TableColumn<Ticket> {
  return {
    title: 'Created',
    render: t => formatTime(t.createdAt),
    // A date on one line, not "1:57:36" above a lone "PM".
    cellStyle: { whiteSpace: 'nowrap' },
    hidden: narrow,
  };
}
