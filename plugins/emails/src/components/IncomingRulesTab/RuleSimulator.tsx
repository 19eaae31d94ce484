import { useApi } from '@backstage/core-plugin-api';
import { IncomingServer, RuleSimulation } from '@internal/plugin-emails-common';
import { Box, Button, Paper, TextField, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { DragEvent, useState } from 'react';
import { emailsApiRef } from '../../api';
import { Choice } from '../common/Choice';
import { messageOf, statusOf } from '../common/formErrors';
import { SimulationResult } from './SimulationResult';

/** What the simulator tells the admin when a simulation fails. */
export function simulationErrorMessage(error: unknown): string {
  const status = statusOf(error);
  if (status === 404 || status === 501) {
    return 'The rule simulator is not available on this emails backend yet: update the backend to simulate messages.';
  }
  if (status === 400) {
    return `The message could not be simulated: ${messageOf(error)}`;
  }
  return `The simulation failed: ${messageOf(error)}`;
}

/**
 * The rule simulator: a .eml dropped, picked or pasted, and the mailbox it
 * arrives at, run through ingestion with every side effect off under the
 * saved rules; shows what would happen and why.
 */
export function RuleSimulator(props: {
  incoming: IncomingServer[];
  /** Whether the rules have unsaved changes, which the simulation does not see. */
  dirty: boolean;
}) {
  const api = useApi(emailsApiRef);
  const [file, setFile] = useState<File>();
  const [raw, setRaw] = useState('');
  const [serverId, setServerId] = useState('');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<RuleSimulation>();

  const simulate = async () => {
    setRunning(true);
    setError(undefined);
    try {
      // A text box gives LF line ends; a message on the wire has CRLF.
      const message = file ? { file } : { raw: raw.replace(/\r?\n/g, '\r\n') };
      setResult(
        await api.simulateRules({
          ...message,
          serverId: serverId || undefined,
        }),
      );
    } catch (e) {
      setResult(undefined);
      setError(simulationErrorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const dropped = e.dataTransfer.files?.[0];
    if (dropped) setFile(dropped);
  };

  return (
    <Paper variant="outlined" component="section" aria-label="Rule simulator">
      <Box p={2}>
        <Typography variant="h6" component="h2">
          Rule simulator
        </Typography>
        <Typography variant="body2" color="textSecondary" paragraph>
          See what a message would become under the saved rules. Nothing is
          stored, sent or changed.
        </Typography>
        {props.dirty && (
          <Box mb={1}>
            <Alert severity="info">
              The simulator uses the saved rules: save your changes to include
              them.
            </Alert>
          </Box>
        )}
        <Box
          data-testid="eml-drop-zone"
          onDragOver={e => e.preventDefault()}
          onDrop={onDrop}
          border={1}
          borderColor="grey.500"
          borderRadius={4}
          p={2}
          textAlign="center"
          style={{ borderStyle: 'dashed' }}
        >
          <Typography variant="body2">
            {file ? `Message: ${file.name}` : 'Drop a .eml file here, or'}
          </Typography>
          <Button component="label" size="small" color="primary">
            Choose .eml file
            <input
              type="file"
              accept=".eml,message/rfc822"
              hidden
              aria-label="Message file"
              onChange={e => setFile(e.target.files?.[0] ?? undefined)}
            />
          </Button>
          {file && (
            <Button size="small" onClick={() => setFile(undefined)}>
              Clear
            </Button>
          )}
        </Box>
        {!file && (
          <TextField
            id="simulator-raw"
            label="Or paste the message source"
            multiline
            minRows={4}
            maxRows={12}
            fullWidth
            value={raw}
            onChange={e => setRaw(e.target.value)}
            margin="dense"
            variant="outlined"
            inputProps={{ style: { fontFamily: 'monospace' } }}
          />
        )}
        <Choice
          id="simulator-mailbox"
          label="Mailbox (incoming server)"
          value={serverId}
          onChange={setServerId}
          fullWidth
        >
          <option value="">Not set</option>
          {props.incoming.map(s => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.email})
            </option>
          ))}
        </Choice>
        <Box mt={1}>
          <Button
            color="primary"
            variant="contained"
            onClick={simulate}
            disabled={running || (!file && !raw.trim())}
          >
            Simulate
          </Button>
        </Box>
        {error && (
          <Box mt={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
        {result && <SimulationResult simulation={result} />}
      </Box>
    </Paper>
  );
}
