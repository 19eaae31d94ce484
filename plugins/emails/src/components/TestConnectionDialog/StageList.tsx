import {
  Box,
  CircularProgress,
  List,
  ListItem,
  ListItemIcon,
  Typography,
} from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import ScheduleIcon from '@material-ui/icons/Schedule';
import {
  StageRow,
  StageState,
  STAGE_CHECKS,
  STAGE_NAMES,
  STATE_TEXT,
} from './stages';

function StateIcon(props: { state: StageState }) {
  switch (props.state) {
    case 'running':
      return <CircularProgress size={20} />;
    case 'ok':
      return <CheckCircleIcon style={{ color: '#2e7d32' }} />;
    case 'failed':
      return <ErrorIcon color="error" />;
    case 'skipped':
      return <RemoveCircleOutlineIcon color="disabled" />;
    default:
      return <ScheduleIcon color="disabled" />;
  }
}

/** One stage: its name, its status text, how long it took, what it said. */
function StageItem(props: { row: StageRow }) {
  const { row } = props;
  return (
    <ListItem divider data-testid={`stage-${row.stage}`} data-state={row.state}>
      <ListItemIcon>
        <StateIcon state={row.state} />
      </ListItemIcon>
      <Box flex={1}>
        <Box display="flex" justifyContent="space-between">
          <Typography variant="subtitle2" component="span">
            {STAGE_NAMES[row.stage]}
          </Typography>
          <Box>
            <Typography variant="body2" component="span">
              {STATE_TEXT[row.state]}
            </Typography>
            {row.ms !== undefined && (
              <Typography
                variant="body2"
                component="span"
                color="textSecondary"
              >
                {` · ${row.ms} ms`}
              </Typography>
            )}
          </Box>
        </Box>
        <Typography variant="body2" color="textSecondary">
          {row.message ?? STAGE_CHECKS[row.stage]}
        </Typography>
        {row.state === 'failed' && row.hint && (
          <Typography variant="body2" color="error">
            {row.hint}
          </Typography>
        )}
      </Box>
    </ListItem>
  );
}

/** The five stages of Test Connection as they complete. */
export function StageList(props: { rows: StageRow[] }) {
  return (
    <List aria-label="Test Connection stages" dense>
      {props.rows.map(row => (
        <StageItem key={row.stage} row={row} />
      ))}
    </List>
  );
}
