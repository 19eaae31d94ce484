import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ServerActivity } from '@internal/plugin-emails-common';
import { Box, Typography } from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { emailsApiRef } from '../../api';
import { ActivitySparkline, formatLatency } from './ActivitySparkline';

/** How often the chart reloads while shown: hourly buckets, so a minute is live enough. */
export const ACTIVITY_REFRESH_MS = 60_000;

/** The chart's one-line summary: messages in 24 h and the latest hour's latency. */
export function activitySummary(activity: ServerActivity): string {
  const total = activity.hours.reduce((sum, h) => sum + h.processed, 0);
  const latest = [...activity.hours]
    .reverse()
    .find(h => h.latencyP50Ms !== undefined);
  const messages = `${total} message${
    total === 1 ? '' : 's'
  } processed in 24 h`;
  if (!latest) return messages;
  return `${messages}; delivery to ticket p50 ${formatLatency(
    latest.latencyP50Ms!,
  )}, p95 ${formatLatency(latest.latencyP95Ms ?? latest.latencyP50Ms!)}`;
}

/**
 * Messages processed per hour and delivery-to-ticket latency of an incoming
 * server over the last 24 hours. Reloads every minute and whenever
 * `lastSyncAt` changes (the card reloaded after a sync).
 */
export function ServerActivityChart(props: {
  serverId: string;
  lastSyncAt?: string;
}) {
  const { serverId, lastSyncAt } = props;
  const api = useApi(emailsApiRef);
  const activity = useAsyncRetry(
    () => api.getServerActivity(serverId),
    [api, serverId, lastSyncAt],
  );
  useInterval(activity.retry, ACTIVITY_REFRESH_MS);
  if (activity.error) return <ResponseErrorPanel error={activity.error} />;
  // Keeps the last chart while it reloads, so it does not flicker every minute.
  const value = activity.value;
  if (!value) return null;
  const summary = activitySummary(value);
  return (
    <Box mt={1} aria-label="Activity, last 24 hours" component="section">
      <Typography variant="caption" color="textSecondary" component="div">
        Activity, last 24 hours
      </Typography>
      <ActivitySparkline hours={value.hours} label={summary} />
      <Typography variant="caption" component="div">
        {summary}
      </Typography>
    </Box>
  );
}
