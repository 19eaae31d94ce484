import { OutboundStatus } from '@internal/plugin-emails-common';
import { Chip, makeStyles } from '@material-ui/core';

/** Outgoing queue statuses as the product shows them, in the order the filter lists them. */
export const OUTBOUND_STATUS_LABELS: Record<OutboundStatus, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
};

const useStyles = makeStyles(theme => ({
  // The Backstage theme gives chips a trailing and bottom margin, which
  // lifts them above the text of a line or table cell they sit in.
  chip: { margin: 0 },
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

/** Where an outgoing message stands: Queued, Sending, Sent or Failed. */
export function OutboundStatusChip(props: { status: OutboundStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={OUTBOUND_STATUS_LABELS[props.status] ?? props.status}
      className={`${classes.chip} ${classes[props.status] ?? ''}`}
    />
  );
}
