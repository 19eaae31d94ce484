export { composeOutbound } from './compose';
export type { OutboundDraft } from './compose';
export { OutboundWorker } from './OutboundWorker';
export type {
  OutboundRunResult,
  OutboundWorkerOptions,
  OutgoingServerSource,
} from './OutboundWorker';
export { classifySendError } from './sendErrors';
export type { SendFailure, SendFailureKind } from './sendErrors';
export { chooseServers, ServerOutages } from './serverChoice';
export {
  createSmtpTransport,
  SmtpTransportCache,
  smtpSettings,
  smtpTransportOptions,
} from './smtpTransport';
export type {
  OutboundProxy,
  SmtpSettings,
  SmtpTransportInput,
} from './smtpTransport';
export { outboundQueueOf } from './queue';
export type { OutboundQueue } from './queue';
export {
  drainOutbound,
  OUTBOUND_TASK_ID,
  startOutboundWorker,
} from './startOutboundWorker';
export { OutboundWaker } from './OutboundWaker';
export {
  connectOutboundWake,
  EMAILS_OUTBOUND_QUEUED_TOPIC,
} from './outboundWake';
export type { OutboundQueuedEvent } from './outboundWake';
export { PluginSender } from './PluginSender';
