export { registerPermissions } from './registerPermissions';
export {
  isInTechnicianGroup,
  ticketPermissionResourceRef,
  ticketPermissionRules,
} from './ticketRules';
