export { ConfigAuditList } from './ConfigAuditList';
