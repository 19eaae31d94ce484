import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';
import { LEAVE_MESSAGE } from './useLeaveGuard';

/** Asks whether to leave the Rules tab with unsaved changes. */
export function LeaveDialog(props: { onStay(): void; onLeave(): void }) {
  return (
    <Dialog open onClose={props.onStay} aria-labelledby="leave-rules-title">
      <DialogTitle id="leave-rules-title">Unsaved changes</DialogTitle>
      <DialogContent>
        <DialogContentText>{LEAVE_MESSAGE}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button color="primary" onClick={props.onStay}>
          Stay
        </Button>
        <Button onClick={props.onLeave}>Leave without saving</Button>
      </DialogActions>
    </Dialog>
  );
}
