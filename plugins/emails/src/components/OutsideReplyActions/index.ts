export { OutsideReplyActions } from './OutsideReplyActions';
export type { OutsideReplyActionsProps } from './OutsideReplyActions';
