/**
 * The emails frontend plugin: Support Channel > Emails admin pages.
 *
 * @packageDocumentation
 */
export { emailsPlugin, EmailsAdminPage, EntityEmailServerCard } from './plugin';
export {
  isEmailServerEntity,
  EMAIL_SERVER_ID_ANNOTATION,
  EMAIL_SERVER_DIRECTION_ANNOTATION,
  EMAIL_SERVER_RESOURCE_TYPE,
} from './components/EntityEmailServerCard/isEmailServerEntity';
export { emailsApiRef, EmailsClient } from './api';
export type { EmailsApi } from './api';
