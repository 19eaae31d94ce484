export { emailsApiRef } from './EmailsApi';
export type { EmailsApi } from './EmailsApi';
export { EmailsClient } from './EmailsClient';
