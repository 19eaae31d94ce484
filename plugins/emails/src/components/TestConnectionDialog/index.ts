export { TestConnectionDialog } from './TestConnectionDialog';
export type { TestConnectionDialogProps } from './TestConnectionDialog';
