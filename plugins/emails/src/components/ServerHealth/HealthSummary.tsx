import { ServerHealth } from '@internal/plugin-emails-common';
import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { HealthChip } from './HealthChip';

function when(iso?: string) {
  return iso ? new Date(iso).toLocaleString() : 'Never';
}

function Fact(props: {
  label: string;
  value: string | number;
  detail?: string;
}) {
  return (
    <Typography variant="body2">
      <Typography component="span" variant="body2" color="textSecondary">
        {props.label}:
      </Typography>{' '}
      {props.value}
      {props.detail && (
        <Typography component="span" variant="caption" color="textSecondary">
          {' '}
          ({props.detail})
        </Typography>
      )}
    </Typography>
  );
}

/**
 * Splits the Inbound Queue into mail still on the mail server and mail the
 * pipeline holds, so an admin sees where it waits; nothing when the server
 * does not say.
 */
export function inboundQueueDetail(health?: ServerHealth): string | undefined {
  const waiting = health?.waitingOnServer;
  if (waiting === undefined) return undefined;
  // inboundQueue counts both; a stale pair never shows a negative pipeline.
  const inPipeline = Math.max(0, (health?.inboundQueue ?? 0) - waiting);
  return `${waiting} waiting on the mail server, ${inPipeline} in the pipeline`;
}

/**
 * A mailbox's health: the status chip, Last Sync Time, Inbound Queue,
 * consecutive failures, and the last error inline when it fails.
 */
export function HealthSummary(props: {
  health?: ServerHealth;
  direction?: 'incoming' | 'outgoing';
  /** False where the OAuth sign-in facts show the access token's expiry. */
  showTokenExpiry?: boolean;
}) {
  const { health, direction = 'incoming', showTokenExpiry = true } = props;
  const failing =
    health?.status === 'unreachable' || health?.status === 'auth-expired';
  return (
    <Box>
      <Box mb={1}>
        <HealthChip health={health} />
      </Box>
      <Fact label="Last Sync Time" value={when(health?.lastSyncAt)} />
      {direction === 'incoming' && (
        <Fact
          label="Inbound Queue"
          value={health?.inboundQueue ?? 0}
          detail={inboundQueueDetail(health)}
        />
      )}
      <Fact
        label="Consecutive failures"
        value={health?.consecutiveFailures ?? 0}
      />
      {showTokenExpiry && health?.tokenExpiresAt && (
        <Fact label="Token expires" value={when(health.tokenExpiresAt)} />
      )}
      {failing && health?.lastError && (
        <Box mt={1}>
          <Alert severity="error" role="alert">
            {health.lastError}
          </Alert>
        </Box>
      )}
    </Box>
  );
}
