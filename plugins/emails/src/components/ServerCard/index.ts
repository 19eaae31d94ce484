export { ServerCard } from './ServerCard';
export type { ServerCardProps } from './ServerCard';
export type { ServerCardActionHandlers } from './ServerActions';
