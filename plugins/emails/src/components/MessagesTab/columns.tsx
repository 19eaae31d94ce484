import { Link, TableColumn } from '@backstage/core-components';
import { InboundMessage } from '@internal/plugin-emails-common';
import { formatTime } from '../common/formatting';
import { MessageStatusChip } from '../MessageStatusChip';
import { TruncatedText } from '../common/TruncatedText';

/** The columns of the processing log. */
export function messageColumns(options: {
  serverName(id: string): string;
  ticketLink(ticketId: string): string;
}): TableColumn<InboundMessage>[] {
  return [
    { title: 'Received', render: m => formatTime(m.receivedAt) },
    {
      title: 'Server',
      render: m => m.serverName ?? options.serverName(m.serverId),
    },
    {
      title: 'From',
      // An address wrapped a character per line in a narrow column.
      render: m =>
        m.from ? <TruncatedText text={m.from} maxWidth={220} /> : '—',
    },
    { title: 'Subject', render: m => m.subject ?? '(no subject)' },
    { title: 'Status', render: m => <MessageStatusChip status={m.status} /> },
    { title: 'Reason', render: m => m.reason ?? '' },
    {
      title: 'Request',
      render: m =>
        m.ticketId && (
          // The row opens the message; the link opens the request instead.
          <Link
            to={options.ticketLink(m.ticketId)}
            onClick={e => e.stopPropagation()}
          >
            View request
          </Link>
        ),
    },
  ];
}
