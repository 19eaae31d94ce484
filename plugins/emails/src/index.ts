/**
 * The emails frontend plugin: Support Channel > Emails admin pages.
 *
 * @packageDocumentation
 */
export { emailsPlugin, EmailsAdminPage } from './plugin';
export { emailsApiRef, EmailsClient } from './api';
export type { EmailsApi } from './api';
