import { ServerHealth } from '@internal/plugin-emails-common';
import { Chip, makeStyles } from '@material-ui/core';

type Status = ServerHealth['status'];

/** The status texts of a mailbox, as its card shows them. */
export const HEALTH_LABELS: Record<Status, string> = {
  reachable: 'Reachable',
  unreachable: 'Unreachable',
  paused: 'Paused',
  'auth-expired': 'Auth expired',
  disabled: 'Disabled',
  unknown: 'Unknown',
};

const useStyles = makeStyles(theme => ({
  reachable: {
    backgroundColor: theme.palette.success?.main ?? '#2e7d32',
    color: theme.palette.common.white,
  },
  unreachable: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.common.white,
  },
  'auth-expired': {
    backgroundColor: theme.palette.warning?.main ?? '#ed6c02',
    color: theme.palette.common.white,
  },
  paused: {},
  disabled: {},
  unknown: {},
}));

/** The status chip of a mailbox: Reachable, Unreachable, Paused, Auth expired, Disabled or Unknown. */
export function HealthChip(props: { health?: ServerHealth }) {
  const classes = useStyles();
  const status: Status = props.health?.status ?? 'unknown';
  return (
    <Chip
      size="small"
      label={HEALTH_LABELS[status] ?? HEALTH_LABELS.unknown}
      className={classes[status]}
      data-testid="health-status"
    />
  );
}
