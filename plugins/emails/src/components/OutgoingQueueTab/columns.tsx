import { Link, TableColumn } from '@backstage/core-components';
import { OutboundMessage } from '@internal/plugin-emails-common';
import { Button } from '@material-ui/core';
import { formatTime } from '../common/formatting';
import { OutboundStatusChip } from '../common/OutboundStatusChip';
import { TruncatedText } from '../common/TruncatedText';
import { describeRoute } from './route';

/** The columns of the Outgoing queue. */
export function outboundColumns(options: {
  serverName(id: string): string;
  ticketLink(ticketId: string): string;
  retrying?: string;
  /** Offered on failed messages; without it (no manage permission) there is no Retry. */
  onRetry?(message: OutboundMessage): void;
  /** A 1024 px screen: attempts and server give way to what the mail is. */
  narrow?: boolean;
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
      render: m => (
        <TruncatedText text={[...m.to, ...m.cc].join(', ')} maxWidth={220} />
      ),
    },
    {
      title: 'Subject',
      render: m => <TruncatedText text={m.subject} maxWidth={260} />,
    },
    {
      title: 'Status',
      render: m => <OutboundStatusChip status={m.status} />,
    },
    {
      title: 'Attempts',
      render: m => String(m.attempts),
      hidden: options.narrow,
    },
    {
      title: 'Server',
      render: m => (
        <TruncatedText
          text={describeRoute(m, options.serverName)}
          maxWidth={200}
        />
      ),
      hidden: options.narrow,
    },
    {
      title: 'Last error',
      render: m =>
        m.status === 'sent' || !m.lastError ? (
          ''
        ) : (
          <TruncatedText text={m.lastError} maxWidth={240} />
        ),
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
