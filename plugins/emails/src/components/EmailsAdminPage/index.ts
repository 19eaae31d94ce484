export { EmailsAdminPage } from './EmailsAdminPage';
