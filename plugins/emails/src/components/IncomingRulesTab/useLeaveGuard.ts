import { RefObject } from 'react';
import { useLeaveGuard as useCommonLeaveGuard } from '../common/useLeaveGuard';

/** What the admin is asked before unsaved rule changes are left behind. */
export const LEAVE_MESSAGE =
  'The incoming email rules have unsaved changes. Leave without saving?';

/** The Rules tab's leave guard (the generic one is in common/useLeaveGuard.ts). */
export function useLeaveGuard(dirty: boolean, inside: RefObject<HTMLElement>) {
  return useCommonLeaveGuard(dirty, inside, LEAVE_MESSAGE);
}
