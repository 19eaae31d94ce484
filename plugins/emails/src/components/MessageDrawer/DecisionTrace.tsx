import { TraceEntry } from '@internal/plugin-emails-common';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { DetailList, WRAP_LONG_TOKENS } from '../common/DetailList';
import { formatTime } from '../common/formatting';
import { stepLabel } from '../common/labels';
import { serverIdNamer } from '../common/useServerNames';

/**
 * The decision trace of a message: each pipeline step in words, when, what
 * it decided and why (the detail as labelled entries, server ids as names).
 */
export function DecisionTrace(props: {
  trace: TraceEntry[];
  serverName?(id: string): string | undefined;
}) {
  const { trace, serverName = () => undefined } = props;
  if (!trace.length) {
    return <Typography variant="body2">No steps recorded.</Typography>;
  }
  const nameValue = serverIdNamer(serverName);
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
        {trace.map((entry, index) => (
          <TableRow key={`${entry.step}-${index}`}>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {stepLabel(entry.step)}
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {formatTime(entry.at)}
            </TableCell>
            <TableCell style={WRAP_LONG_TOKENS}>{entry.decision}</TableCell>
            <TableCell>
              {entry.detail && (
                <DetailList detail={entry.detail} nameValue={nameValue} />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
