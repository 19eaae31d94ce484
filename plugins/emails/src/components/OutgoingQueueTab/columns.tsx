import { Link, TableColumn } from '@backstage/core-components';
import { OutboundMessage } from '@internal/plugin-emails-common';
import { Button } from '@material-ui/core';
import { formatTime } from '../common/formatting';
import { OutboundStatusChip } from '../common/OutboundStatusChip';
import { describeRoute } from './route';

/** The columns of the Outgoing queue. */
export function outboundColumns(options: {
  serverName(id: string): string;
  ticketLink(ticketId: string): string;
  retrying?: string;
  /** Offered on failed messages; without it (no manage permission) there is no Retry. */
  onRetry?(message: OutboundMessage): void;
}): TableColumn<OutboundMessage>[] {
  // Sized by their content rather than nine equal columns, where a date
  // or an address broke mid-word; dates and links stay on one line.
  return outboundColumnList(options).map(column => ({
    width: 'auto',
    ...column,
  }));
}

function outboundColumnList(
  options: Parameters<typeof outboundColumns>[0],
): TableColumn<OutboundMessage>[] {
  return [
    {
      title: 'Queued',
      render: m => formatTime(m.createdAt),
      cellStyle: { whiteSpace: 'nowrap' },
    },
    {
      title: 'To',
      render: m => [...m.to, ...m.cc].join(', '),
      // Breaks between addresses, inside one only when it cannot fit.
      cellStyle: { wordBreak: 'normal', overflowWrap: 'break-word' },
    },
    {
      title: 'Subject',
      render: m => m.subject,
      cellStyle: { minWidth: 180 },
    },
    {
      title: 'Status',
      render: m => <OutboundStatusChip status={m.status} />,
    },
    {
      title: 'Attempts',
      render: m => String(m.attempts),
    },
    {
      title: 'Server',
      render: m => describeRoute(m, options.serverName),
    },
    {
      title: 'Last error',
      render: m => (m.status === 'sent' ? '' : m.lastError ?? ''),
    },
    {
      title: 'Request',
      cellStyle: { whiteSpace: 'nowrap' },
      render: m =>
        m.ticketId && (
          <Link to={options.ticketLink(m.ticketId)}>View request</Link>
        ),
    },
    {
      title: '',
      render: m =>
        m.status === 'failed' &&
        options.onRetry && (
          <Button
            size="small"
            variant="outlined"
            disabled={options.retrying === m.id}
            aria-label={`Retry ${m.subject}`}
            onClick={() => options.onRetry?.(m)}
          >
            Retry
          </Button>
        ),
    },
  ];
}
