export { HealthChip, HEALTH_LABELS } from './HealthChip';
export { HealthSummary } from './HealthSummary';
