import { ServerActivityHour } from '@internal/plugin-emails-common';
import { useTheme } from '@material-ui/core';

const WIDTH = 240;
const HEIGHT = 48;
const BAR_GAP = 1;

/** A duration as people read it: 850 ms, 4 s, 1.5 min, 2.0 h. */
export function formatLatency(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** What one hour's bar says on hover. */
export function hourLabel(hour: ServerActivityHour): string {
  const time = new Date(hour.hour).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
  });
  const latency =
    hour.latencyP50Ms === undefined
      ? ''
      : `, to ticket p50 ${formatLatency(
          hour.latencyP50Ms,
        )}, p95 ${formatLatency(hour.latencyP95Ms ?? hour.latencyP50Ms)}`;
  return `${time}: ${hour.processed} processed${latency}`;
}

/**
 * Bars of messages processed per hour with the hourly p95 delivery-to-ticket
 * latency as a line on its own scale; a plain SVG, no chart library.
 */
export function ActivitySparkline(props: {
  hours: ServerActivityHour[];
  label: string;
}) {
  const { hours, label } = props;
  const theme = useTheme();
  const slot = WIDTH / Math.max(1, hours.length);
  const maxCount = Math.max(1, ...hours.map(h => h.processed));
  const maxLatency = Math.max(1, ...hours.map(h => h.latencyP95Ms ?? 0));
  const points = hours
    .map((h, i) =>
      h.latencyP95Ms === undefined
        ? undefined
        : `${(i + 0.5) * slot},${
            HEIGHT - 1 - (h.latencyP95Ms / maxLatency) * (HEIGHT - 2)
          }`,
    )
    .filter(Boolean);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      height={HEIGHT}
      preserveAspectRatio="none"
    >
      {hours.map((h, i) => {
        const height = (h.processed / maxCount) * HEIGHT;
        return (
          <rect
            key={h.hour}
            data-testid="activity-bar"
            x={i * slot + BAR_GAP / 2}
            y={HEIGHT - height}
            width={slot - BAR_GAP}
            height={height}
            fill={theme.palette.primary.light}
          >
            <title>{hourLabel(h)}</title>
          </rect>
        );
      })}
      {points.length > 1 && (
        <polyline
          data-testid="activity-latency"
          points={points.join(' ')}
          fill="none"
          stroke={theme.palette.secondary.main}
          strokeWidth={1.5}
        />
      )}
    </svg>
  );
}
