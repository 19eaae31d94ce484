import { Link, TableColumn } from '@backstage/core-components';
import {
  OutboundMessage,
  OutboundStatus,
} from '@internal/plugin-emails-common';
import { Button, Chip, makeStyles } from '@material-ui/core';
import { formatTime } from '../common/formatting';
import { describeRoute } from './route';

/** Outgoing queue statuses as the product shows them, in the order the filter lists them. */
export const OUTBOUND_STATUS_LABELS: Record<OutboundStatus, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
};

const useStyles = makeStyles(theme => ({
  sent: {
    backgroundColor: theme.palette.success?.main ?? '#2e7d32',
    color: theme.palette.common.white,
  },
  failed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.common.white,
  },
  queued: {},
  sending: {},
}));

function OutboundStatusChip(props: { status: OutboundStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={OUTBOUND_STATUS_LABELS[props.status] ?? props.status}
      className={classes[props.status]}
    />
  );
}

/** The columns of the Outgoing queue. */
export function outboundColumns(options: {
  serverName(id: string): string;
  ticketLink(ticketId: string): string;
  retrying?: string;
  onRetry(message: OutboundMessage): void;
}): TableColumn<OutboundMessage>[] {
  return [
    { title: 'Queued', render: m => formatTime(m.createdAt) },
    { title: 'To', render: m => [...m.to, ...m.cc].join(', ') },
    { title: 'Subject', render: m => m.subject },
    { title: 'Status', render: m => <OutboundStatusChip status={m.status} /> },
    { title: 'Attempts', render: m => String(m.attempts) },
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
      render: m =>
        m.ticketId && (
          <Link to={options.ticketLink(m.ticketId)}>View request</Link>
        ),
    },
    {
      title: '',
      render: m =>
        m.status === 'failed' && (
          <Button
            size="small"
            variant="outlined"
            disabled={options.retrying === m.id}
            aria-label={`Retry ${m.subject}`}
            onClick={() => options.onRetry(m)}
          >
            Retry
          </Button>
        ),
    },
  ];
}
