/**
 * SMTP push: the organisation's mail server delivers to the backend over SMTP
 * or LMTP (README.md).
 */
export { startSmtpPushListener } from './SmtpPushListener';
export type {
  SmtpPushListener,
  SmtpPushListenerOptions,
} from './SmtpPushListener';
export { ensureDemoMailbox, DEMO_SETUP_ACTOR } from './demoMailbox';
export type { DemoMailboxResult } from './demoMailbox';
export { pushSourceId } from './pushDelivery';
