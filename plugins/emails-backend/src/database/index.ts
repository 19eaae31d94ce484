export { openDatabase } from './migrations';
export { MailServerStore } from './MailServerStore';
export type { MailServerRecord, MailServerInput } from './MailServerStore';
export { ProxyStore } from './ProxyStore';
export type { ProxyRecord, ProxyInput } from './ProxyStore';
export { PreferenceStore } from './PreferenceStore';
export type { PreferenceRecord } from './PreferenceStore';
