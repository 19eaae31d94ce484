export { emailsApiRef } from './EmailsApi';
export type {
  CloseNotification,
  EmailsApi,
  IncomingRuleDraft,
  RuleSimulationInput,
  TicketCloseResult,
} from './EmailsApi';
export { EmailsClient } from './EmailsClient';
