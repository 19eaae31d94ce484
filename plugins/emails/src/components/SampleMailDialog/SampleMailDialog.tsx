import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { SampleMail } from '@internal/plugin-emails-common';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emailsApiRef } from '../../api';
import { messageOf } from '../common/formErrors';
import { SampleDetails } from './SampleDetails';

/** Properties of SampleMailDialog. */
export interface SampleMailDialogProps {
  server: { id: string; name: string };
  onClose(): void;
}

/**
 * Fetch a sample mail: the oldest message of the mailbox, left where it is,
 * and the ticket it would become.
 */
export function SampleMailDialog(props: SampleMailDialogProps) {
  const { server, onClose } = props;
  const api = useApi(emailsApiRef);
  const sample = useAsyncRetry(
    () => api.fetchSample(server.id),
    [api, server.id],
  );
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md">
      <DialogTitle>Sample mail: {server.name}</DialogTitle>
      <DialogContent>
        <SampleBody
          loading={sample.loading}
          error={sample.error}
          value={sample.value}
        />
      </DialogContent>
      <DialogActions>
        {!sample.loading && <Button onClick={sample.retry}>Fetch again</Button>}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

function SampleBody(props: {
  loading: boolean;
  error?: Error;
  value?: SampleMail;
}) {
  if (props.loading) return <Progress />;
  if (props.error) {
    return <Alert severity="error">{messageOf(props.error)}</Alert>;
  }
  if (!props.value?.found) {
    return (
      <Box py={2}>
        <Typography>
          The mailbox is empty: there is no message to fetch.
        </Typography>
      </Box>
    );
  }
  return <SampleDetails sample={props.value} />;
}
