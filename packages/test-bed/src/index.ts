/**
 * Throwaway real mail peers for tests and benchmarks: Dovecot (IMAP, POP3,
 * submission, LMTP), an OAuth2 authorization server and an SMTP sink, all on
 * free loopback ports.
 *
 * @packageDocumentation
 */

export { startTestBed, DEFAULT_TEST_USERS } from './testBed';
export type {
  TestBed,
  TestBedOptions,
  TestBedPorts,
  TestBedOAuthUrls,
} from './testBed';
export type { TestUser } from './dovecotConfig';
export type { RefusableProtocol } from './refusals';
export type { TestCertificates } from './ca';
export type { SinkMessage, SmtpSink } from './smtpSink';
export type {
  IssueTokenOptions,
  OAuthServerOptions,
  OAuthTestServer,
} from './oauthServer';
export { startOAuthServer, TEST_TENANT_ID } from './oauthServer';
export type { OAuthTokenRequest } from './oauthGrants';
export { fetchTrustingCa } from './httpsFetch';
export type { FetchFunction } from './httpsFetch';
export { createCertificates } from './ca';
export { deliverLmtp, encodeDataBlock } from './lmtp';
export type { LmtpDeliveryOptions, LmtpRecipientResult } from './lmtp';
export { Pop3Client, pop3Command } from './pop3';
export type { Pop3Response } from './pop3';
export { LineSocket, withTimeout } from './lineSocket';
export type { LineConnectOptions, TlsMode } from './lineSocket';
export { freePort, freePorts, waitForPort, LOOPBACK } from './ports';
export { startBlackholePort } from './blackhole';
export type { BlackholePort } from './blackhole';
export {
  buildTestMessage,
  forgeAccessToken,
  imapXoauth2Login,
} from './testHelpers';
export type { TestMessageOptions } from './testHelpers';
export { startBedGraphPeer, startGraphPeer } from './graphPeer';
export type {
  GraphPeer,
  GraphPeerOptions,
  GraphSentMessage,
} from './graphPeer';
export { GraphMailbox, INBOX_ID } from './graphMailbox';
export type { GraphMessage } from './graphMailbox';
export { startEwsPeer, startBedEwsPeer } from './ewsPeer';
export type {
  EwsPeer,
  EwsPeerOptions,
  EwsSentMessage,
  EwsRequestRecord,
  EwsTokenInfo,
  EwsAuthScheme,
  NtlmHandshake,
} from './ewsPeer';
export { EwsMailbox } from './ewsMailbox';
export type {
  EwsFolder,
  EwsItem,
  EwsMessageView,
  EwsEvent,
} from './ewsMailbox';
