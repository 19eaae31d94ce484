import { LeaveDialog as CommonLeaveDialog } from '../common/LeaveDialog';
import { LEAVE_MESSAGE } from './useLeaveGuard';

/** Asks whether to leave the Rules tab with unsaved changes. */
export function LeaveDialog(props: { onStay(): void; onLeave(): void }) {
  return <CommonLeaveDialog message={LEAVE_MESSAGE} {...props} />;
}
