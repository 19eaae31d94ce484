export { OutgoingQueueTab } from './OutgoingQueueTab';
