import {
  ServerActivity,
  ServerActivityHour,
} from '@internal/plugin-emails-common';
import { ProcessedMessage } from '../database/ServerActivityStore';

const HOUR_MS = 3600_000;
/** Hours the activity chart shows. */
export const ACTIVITY_HOURS = 24;

/** Start of the first hour of the chart ending with the hour of `now`. */
export function activityStart(now: Date): Date {
  const thisHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return new Date(thisHour - (ACTIVITY_HOURS - 1) * HOUR_MS);
}

/**
 * Buckets processed messages per hour: how many, and the 50th and 95th
 * percentile of delivery-to-ticket latency of those that reached a ticket.
 */
export function activitySeries(
  serverId: string,
  messages: ProcessedMessage[],
  now: Date,
): ServerActivity {
  const start = activityStart(now).getTime();
  const buckets = Array.from({ length: ACTIVITY_HOURS }, () => ({
    processed: 0,
    latencies: [] as number[],
  }));
  for (const message of messages) {
    const processed = Date.parse(message.processedAt);
    const index = Math.floor((processed - start) / HOUR_MS);
    if (index < 0 || index >= ACTIVITY_HOURS) continue;
    buckets[index].processed += 1;
    if (message.ticketId) {
      const latency = processed - Date.parse(message.receivedAt);
      buckets[index].latencies.push(Math.max(0, latency));
    }
  }
  const hours = buckets.map((bucket, i): ServerActivityHour => {
    const hour: ServerActivityHour = {
      hour: new Date(start + i * HOUR_MS).toISOString(),
      processed: bucket.processed,
    };
    if (bucket.latencies.length) {
      const sorted = bucket.latencies.sort((a, b) => a - b);
      hour.latencyP50Ms = percentile(sorted, 0.5);
      hour.latencyP95Ms = percentile(sorted, 0.95);
    }
    return hour;
  });
  return { serverId, hours };
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
