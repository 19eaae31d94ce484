/**
 * The emails frontend plugin: Support Channel > Emails admin pages and the Requests pages.
 *
 * @packageDocumentation
 */
export {
  emailsPlugin,
  EmailsAdminPage,
  EmailsRequestsPage,
  EntityEmailServerCard,
  EntityEmailConversationsCard,
  EntityEmailConversationsContent,
} from './plugin';
export { RequestsSidebarItem } from './components/RequestsSidebarItem';
export {
  isEmailServerEntity,
  EMAIL_SERVER_ID_ANNOTATION,
  EMAIL_SERVER_DIRECTION_ANNOTATION,
  EMAIL_SERVER_RESOURCE_TYPE,
} from './components/EntityEmailServerCard/isEmailServerEntity';
export { emailsApiRef, EmailsClient } from './api';
export type { EmailsApi } from './api';
