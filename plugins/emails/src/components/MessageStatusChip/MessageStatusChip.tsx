import { InboundStatus } from '@internal/plugin-emails-common';
import { Chip, makeStyles } from '@material-ui/core';

/** Processing statuses as the product shows them, in the order filters list them. */
export const INBOUND_STATUS_LABELS: Record<InboundStatus, string> = {
  received: 'Received',
  ticketed: 'Ticketed',
  appended: 'Appended',
  ignored: 'Ignored',
  duplicate: 'Duplicate',
  rejected: 'Rejected',
  quarantined: 'Quarantined',
  failed: 'Failed',
};

const useStyles = makeStyles(theme => ({
  good: {
    backgroundColor: theme.palette.success?.main ?? '#2e7d32',
    color: theme.palette.common.white,
  },
  warn: {
    backgroundColor: theme.palette.warning?.main ?? '#ed6c02',
    color: theme.palette.common.white,
  },
  bad: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.common.white,
  },
  plain: {},
}));

const TONE: Record<InboundStatus, 'good' | 'warn' | 'bad' | 'plain'> = {
  received: 'plain',
  ticketed: 'good',
  appended: 'good',
  ignored: 'plain',
  duplicate: 'plain',
  rejected: 'warn',
  quarantined: 'warn',
  failed: 'bad',
};

/** What happened to an inbound message, as a coloured chip. */
export function MessageStatusChip(props: { status: InboundStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={INBOUND_STATUS_LABELS[props.status] ?? props.status}
      className={classes[TONE[props.status] ?? 'plain']}
    />
  );
}
