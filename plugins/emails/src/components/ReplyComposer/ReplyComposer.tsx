import { usePermission } from '@backstage/plugin-permission-react';
import { emailsTicketReplyPermission } from '@internal/plugin-emails-common';
import { Box, Button, Paper, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import SendIcon from '@material-ui/icons/Send';
import { AttachmentPicker } from './AttachmentPicker';
import { MessageField } from './MessageField';
import {
  OutgoingServerSelect,
  useSelectableOutgoingServers,
} from './OutgoingServerSelect';
import { useReplyForm } from './useReplyForm';

/** The reply form; shown by ReplyComposer only to those who may reply. */
function ReplyForm(props: { ticketId: string; onSent(): void }) {
  const form = useReplyForm(props.ticketId, props.onSent);
  const servers = useSelectableOutgoingServers();
  const { draft, update, errors, sending } = form;
  return (
    <Paper component="section" aria-label="Reply">
      <Box p={2}>
        <Typography variant="h6" component="h2">
          Reply
        </Typography>
        {errors.message && (
          <Alert
            severity="error"
            onClose={() => form.setErrors({ ...errors, message: undefined })}
          >
            {errors.message}
          </Alert>
        )}
        <MessageField
          value={draft.body}
          onChange={body => update({ body })}
          error={errors.fields.body}
          disabled={sending}
        />
        <TextField
          id="reply-cc"
          label="CC"
          fullWidth
          margin="dense"
          variant="outlined"
          value={draft.cc}
          onChange={e => update({ cc: e.target.value })}
          error={!!errors.fields.cc}
          helperText={errors.fields.cc ?? 'Comma-separated email addresses'}
          disabled={sending}
        />
        {servers.value && (
          <OutgoingServerSelect
            servers={servers.value}
            value={draft.outgoingServerId}
            onChange={outgoingServerId => update({ outgoingServerId })}
            error={errors.fields.outgoingServerId}
            disabled={sending}
          />
        )}
        <AttachmentPicker
          files={draft.files}
          onChange={files => update({ files })}
          onError={message => form.setErrors({ ...errors, message })}
          error={errors.fields.attachments}
          disabled={sending}
        />
        <Box mt={1} display="flex" justifyContent="flex-end">
          <Button
            variant="contained"
            color="primary"
            startIcon={<SendIcon />}
            onClick={form.send}
            disabled={sending}
          >
            {sending ? 'Sending…' : 'Send'}
          </Button>
        </Box>
      </Box>
    </Paper>
  );
}

/**
 * A technician's email reply to a request: formatted message, CC, attachments and,
 * when the Email Preference allows it, the outgoing server. Hidden without
 * the reply permission. `onSent` reloads the conversation.
 */
export function ReplyComposer(props: { ticketId: string; onSent(): void }) {
  const { allowed } = usePermission({
    permission: emailsTicketReplyPermission,
  });
  if (!allowed) return null;
  return <ReplyForm ticketId={props.ticketId} onSent={props.onSent} />;
}
