export { MessageStatusChip, INBOUND_STATUS_LABELS } from './MessageStatusChip';
