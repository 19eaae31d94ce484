export { ServerActivityChart, activitySummary } from './ServerActivityChart';
export { ActivitySparkline, formatLatency } from './ActivitySparkline';
