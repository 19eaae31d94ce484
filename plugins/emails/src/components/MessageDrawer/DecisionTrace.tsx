import { TraceEntry } from '@internal/plugin-emails-common';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { formatTime } from '../common/formatting';

/** The decision trace of a message: each pipeline step, when, what it decided and why. */
export function DecisionTrace(props: { trace: TraceEntry[] }) {
  if (!props.trace.length) {
    return <Typography variant="body2">No steps recorded.</Typography>;
  }
  return (
    <Table size="small" aria-label="Decision trace">
      <TableHead>
        <TableRow>
          <TableCell>Step</TableCell>
          <TableCell>Time</TableCell>
          <TableCell>Decision</TableCell>
          <TableCell>Detail</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.trace.map((entry, index) => (
          <TableRow key={`${entry.step}-${index}`}>
            <TableCell>{entry.step}</TableCell>
            <TableCell>{formatTime(entry.at)}</TableCell>
            <TableCell>{entry.decision}</TableCell>
            <TableCell>
              {entry.detail && (
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  {JSON.stringify(entry.detail, null, 2)}
                </pre>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
