/** Step 4 of the inbound pipeline, classify: pure decisions the pipeline records in the trace. */
export {
  autoRepliesSuppressed,
  classifyAutomatic,
  type AutomaticClassification,
  type AutomaticKind,
  type AutomaticOptions,
} from './automatic';
export { DEFAULT_AUTO_REPLY_KEYWORDS, subjectKeyword } from './keywords';
export { parseBounce, type BounceReport, type FailedRecipient } from './bounce';
export {
  dmarcDecision,
  readAuthenticationResults,
  type AuthenticationVerdict,
  type DmarcDecision,
  type DmarcPolicy,
  type SenderAuthentication,
} from './authentication';
export { checkSender, type SenderCheck } from './senderCheck';
export { combineAuthentication } from './combineAuthentication';
export {
  SenderVerifier,
  type OwnVerification,
  type SenderVerifierOptions,
} from './verifySender';
export {
  boundedLookup,
  systemDnsLookup,
  type DnsFailure,
  type DnsLookup,
} from './dnsLookup';
export {
  parseAuthenticationResults,
  type MethodResult,
  type ParsedAuthenticationResults,
} from './authenticationResults';
export {
  duplicateReason,
  isDuplicateWithin,
  messageIdDomain,
  normalizeMessageId,
  type PreviousReceipt,
} from './duplicates';
export {
  AutoReplyLimiter,
  type AutoReplyDecision,
  type AutoReplyLimits,
  type AutoReplyRequest,
  type AutoReplySent,
} from './rateLimit';
