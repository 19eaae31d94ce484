/** One hour of an incoming server's activity. */
export interface ServerActivityHour {
  /** Start of the hour, ISO 8601 (UTC). */
  hour: string;
  /** Messages whose processing finished in this hour. */
  processed: number;
  /** Median time from delivery to ticket, in milliseconds; absent without tickets. */
  latencyP50Ms?: number;
  /** 95th percentile of the time from delivery to ticket, in milliseconds. */
  latencyP95Ms?: number;
}

/** The activity chart of an incoming server: the last 24 hours, oldest first. */
export interface ServerActivity {
  serverId: string;
  hours: ServerActivityHour[];
}
