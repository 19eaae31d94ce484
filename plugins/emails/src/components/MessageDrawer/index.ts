export { MessageDrawer } from './MessageDrawer';
export type { MessageDrawerProps } from './MessageDrawer';
