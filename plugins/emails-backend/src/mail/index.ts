/**
 * Talking to mail servers on behalf of an administrator: the staged Test
 * Connection diagnostics and Fetch a sample mail.
 */
export { testConnection } from './diagnostics';
export type { TestConnectionOptions } from './diagnostics';
export type {
  HostLookup,
  MailAuth,
  MailProtocol,
  MailSecurity,
  MailTarget,
} from './types';
export { fetchSample } from './sample/fetchSample';
export type { FetchSampleOptions } from './sample/fetchSample';
export { SampleFetchError } from './sample/errors';
