export { ThreadTokens, safeEqual } from './tokens';
export type { ThreadTokenFields, BodyMarker } from './tokens';
export {
  DEFAULT_SUBJECT_REFERENCE_FORMAT,
  extractReferences,
  messageIdsIn,
  normaliseMessageId,
  subjectNumbers,
  subjectReferencePattern,
} from './references';
export type { MessageReferences, ReplyParts } from './references';
export { resolveThread } from './resolve';
export type {
  ThreadCandidate,
  ThreadDecision,
  ThreadLookups,
  ThreadSender,
  ThreadTicket,
  ThreadVia,
} from './resolve';
export { closedTicketDecision, technicianReplyKind } from './policy';
export type {
  ClosedTicketDecision,
  ClosedTicketPreference,
  OtherTechnicianReply,
} from './policy';
