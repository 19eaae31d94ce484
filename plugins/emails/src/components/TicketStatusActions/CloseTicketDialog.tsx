import { TicketCloseInput } from '@internal/plugin-emails-common';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormHelperText,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { emailsApiRef } from '../../api';
import { FormErrors } from '../common/formErrors';

/** Properties of CloseTicketDialog. */
export interface CloseTicketDialogProps {
  /** The request's reference, e.g. REQ-12. */
  reference: string;
  errors: FormErrors;
  busy: boolean;
  onConfirm(input: TicketCloseInput): void;
  onCancel(): void;
}

/**
 * What a close sends: a blank resolution is left out, and so is the notify
 * choice unless the technician changed it (then the Email Preference decides).
 */
export function toCloseInput(
  resolution: string,
  notifyRequester: boolean | undefined,
): TicketCloseInput {
  const text = resolution.trim();
  return {
    ...(text && { resolution: text }),
    ...(notifyRequester !== undefined && { notifyRequester }),
  };
}

/** The Email Preference's "notify on close", which the checkbox starts from (on while unknown). */
function useNotifyOnClose(): boolean {
  const api = useApi(emailsApiRef);
  const { value } = useAsync(async () => {
    const preferences = await api.getPreferences();
    return preferences.notifications?.notifyOnClose;
  }, [api]);
  return value ?? true;
}

/** Asks how a request was solved and whether its requester is told, then closes it. */
export function CloseTicketDialog(props: CloseTicketDialogProps) {
  const { reference, errors, busy, onConfirm, onCancel } = props;
  const [resolution, setResolution] = useState('');
  const fromPreference = useNotifyOnClose();
  const [choice, setChoice] = useState<boolean>();
  const notify = choice ?? fromPreference;
  return (
    <Dialog
      open
      onClose={onCancel}
      fullWidth
      maxWidth="sm"
      aria-labelledby="close-ticket-title"
    >
      <DialogTitle id="close-ticket-title">Close {reference}</DialogTitle>
      <DialogContent>
        {errors.message && <Alert severity="error">{errors.message}</Alert>}
        <TextField
          id="close-ticket-resolution"
          label="Resolution"
          multiline
          minRows={3}
          fullWidth
          margin="dense"
          variant="outlined"
          value={resolution}
          onChange={e => setResolution(e.target.value)}
          error={!!errors.fields.resolution}
          helperText={
            errors.fields.resolution ??
            (notify
              ? 'Kept as a note on the request and told to the requester'
              : 'Kept as a note on the request')
          }
          disabled={busy}
        />
        <FormControlLabel
          label="Notify the requester"
          control={
            <Checkbox
              color="primary"
              checked={notify}
              onChange={e => setChoice(e.target.checked)}
              disabled={busy}
            />
          }
        />
        {errors.fields.notifyRequester && (
          <FormHelperText error>{errors.fields.notifyRequester}</FormHelperText>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={() => onConfirm(toCloseInput(resolution, choice))}
          disabled={busy}
        >
          Close ticket
        </Button>
      </DialogActions>
    </Dialog>
  );
}
