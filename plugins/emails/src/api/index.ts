export { emailsApiRef } from './EmailsApi';
export type {
  CloseNotification,
  EmailsApi,
  TicketCloseResult,
} from './EmailsApi';
export { EmailsClient } from './EmailsClient';
