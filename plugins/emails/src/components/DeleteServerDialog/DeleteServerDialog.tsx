import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { messageOf } from '../common/formErrors';

/** Properties of DeleteServerDialog. */
export interface DeleteServerDialogProps {
  server: { name: string };
  /** Deletes the server; a rejection is shown in the dialog. */
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** Asks before a mail server is deleted; its messages and audit stay readable. */
export function DeleteServerDialog(props: DeleteServerDialogProps) {
  const { server, onConfirm, onClose } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="delete-server-title">
      <DialogTitle id="delete-server-title">Delete {server.name}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          The server stops fetching or sending mail. Its processed messages and
          the configuration audit stay readable.
        </DialogContentText>
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          onClick={confirm}
          disabled={busy}
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
