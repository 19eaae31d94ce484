export { ServerDrawer } from './ServerDrawer';
export type { ServerDrawerProps } from './ServerDrawer';
export type { MailServer } from './draft';
