export { EntryDelivery, NotificationList } from './MailDelivery';
export {
  describeProblem,
  describeRecipients,
  groupMail,
  MAIL_KIND_LABELS,
} from './delivery';
export type { DeliveryProblem, GroupedMail } from './delivery';
