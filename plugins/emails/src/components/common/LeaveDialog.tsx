import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';

/** Asks whether to leave a form with unsaved changes; `message` says which. */
export function LeaveDialog(props: {
  message: string;
  onStay(): void;
  onLeave(): void;
}) {
  return (
    <Dialog open onClose={props.onStay} aria-labelledby="leave-form-title">
      <DialogTitle id="leave-form-title">Unsaved changes</DialogTitle>
      <DialogContent>
        <DialogContentText>{props.message}</DialogContentText>
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
