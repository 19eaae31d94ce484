import { useApi } from '@backstage/core-plugin-api';
import { TicketAttachment } from '@internal/plugin-emails-common';
import { Box, Button, Typography } from '@material-ui/core';
import AttachFileIcon from '@material-ui/icons/AttachFile';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { emailsApiRef } from '../../api';
import { saveBlob } from '../common/download';
import { formatBytes } from '../common/formatting';
import { messageOf } from '../common/formErrors';

/**
 * An entry's attachments as downloads: a click fetches the bytes and saves
 * them as a file. Their content is never shown in the page.
 */
export function AttachmentList(props: { attachments: TicketAttachment[] }) {
  const api = useApi(emailsApiRef);
  const [error, setError] = useState<string>();
  if (!props.attachments.length) return null;
  const download = async (attachment: TicketAttachment) => {
    setError(undefined);
    try {
      saveBlob(await api.getAttachment(attachment.id), attachment.filename);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <Box mt={1}>
      <Typography variant="caption" color="textSecondary" component="div">
        Attachments
      </Typography>
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        {props.attachments.map(a => (
          <Button
            key={a.id}
            size="small"
            variant="outlined"
            startIcon={<AttachFileIcon />}
            aria-label={`Download ${a.filename}`}
            onClick={() => download(a)}
          >
            {a.filename} ({formatBytes(a.sizeBytes)})
          </Button>
        ))}
      </Box>
      {error && (
        <Box mt={1}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
    </Box>
  );
}
