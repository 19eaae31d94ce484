import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';

/**
 * Asks before a replay: it runs the message through today's settings and
 * rules again, and may add to or reopen a ticket that was closed.
 */
export function ReplayConfirmDialog(props: {
  open: boolean;
  onCancel(): void;
  onConfirm(): void;
}) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onCancel}
      aria-labelledby="replay-confirm-title"
    >
      <DialogTitle id="replay-confirm-title">Replay this message?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          It is processed again with today&apos;s Email Preference and incoming
          email rules. It may open a ticket, or add to its ticket and reopen it
          when it is closed; it never makes a second ticket for this message.
          What the replay did is written into the ticket&apos;s conversation.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button color="primary" variant="contained" onClick={props.onConfirm}>
          Replay
        </Button>
      </DialogActions>
    </Dialog>
  );
}
