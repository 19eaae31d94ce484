import { MailDirection } from '@internal/plugin-emails-common';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useEffect, useRef, useState } from 'react';
import { StageList } from './StageList';
import { useConnectionTest } from './useConnectionTest';

/** Properties of TestConnectionDialog. */
export interface TestConnectionDialogProps {
  direction: MailDirection;
  server: { id: string; name: string };
  onClose(): void;
}

/**
 * Test Connection: runs as soon as it opens and shows each stage (DNS, TCP,
 * TLS, Auth, Protocol) as it completes; an outgoing server can also send a
 * test mail.
 */
export function TestConnectionDialog(props: TestConnectionDialogProps) {
  const { direction, server, onClose } = props;
  const { rows, result, error, running, run } = useConnectionTest(
    direction,
    server.id,
  );
  const [to, setTo] = useState('');
  // Once per opening, also under StrictMode's double effects: each run reaches the mail server.
  const started = useRef(false);
  useEffect(() => {
    if (!started.current) {
      started.current = true;
      run();
    }
  }, [run]);

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Test Connection: {server.name}</DialogTitle>
      <DialogContent>
        <StageList rows={rows} />
        {result && (
          <Outcome ok={result.ok} sentMessageId={result.sentMessageId} />
        )}
        {error && <Alert severity="error">{error}</Alert>}
        {direction === 'outgoing' && (
          <Box mt={2}>
            <TextField
              id="test-mail-to"
              label="Send test mail to"
              type="email"
              value={to}
              onChange={e => setTo(e.target.value)}
              helperText="Optional: the test also sends a mail to this address"
              fullWidth
              variant="outlined"
              margin="dense"
            />
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {!running && (
          <Button color="primary" onClick={() => run(to.trim())}>
            {direction === 'outgoing' && to.trim()
              ? 'Test and send'
              : 'Test again'}
          </Button>
        )}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

function Outcome(props: { ok: boolean; sentMessageId?: string }) {
  if (!props.ok) {
    return (
      <Alert severity="error">
        The connection could not be established. Review the configuration and
        try again.
      </Alert>
    );
  }
  return (
    <Alert severity="success">
      Connected: the configuration is correct.
      {props.sentMessageId && ` Test mail sent (${props.sentMessageId}).`}
    </Alert>
  );
}
