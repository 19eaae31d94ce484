export { DeleteServerDialog } from './DeleteServerDialog';
export type { DeleteServerDialogProps } from './DeleteServerDialog';
