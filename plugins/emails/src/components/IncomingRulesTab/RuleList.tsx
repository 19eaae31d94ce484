import { IncomingServer } from '@internal/plugin-emails-common';
import {
  Box,
  Chip,
  IconButton,
  Paper,
  Switch,
  Tooltip,
  Typography,
} from '@material-ui/core';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import DeleteIcon from '@material-ui/icons/Delete';
import DragIndicatorIcon from '@material-ui/icons/DragIndicator';
import EditIcon from '@material-ui/icons/Edit';
import { KeyboardEvent, useState } from 'react';
import { IncomingRuleDraft } from './incomingRuleDraft';
import { describeActions, describeConditions } from './summaries';

/** What the ordered list of incoming rules shows and does. */
export interface RuleListProps {
  rules: IncomingRuleDraft[];
  incoming: IncomingServer[];
  /** Whether the user may change the rules; else the list is read-only. */
  canManage: boolean;
  /** Positions of rules with save errors. */
  withErrors: Set<number>;
  onMove(from: number, to: number): void;
  onToggle(index: number, enabled: boolean): void;
  onEdit(index: number): void;
  onRemove(index: number): void;
}

const ruleName = (rule: IncomingRuleDraft, index: number) =>
  rule.name.trim() || `Rule ${index + 1}`;

/**
 * The incoming email rules in evaluation order. Managers reorder them by
 * dragging a row, with the move buttons, or with Alt+Arrow keys on a row;
 * each move is announced to screen readers.
 */
export function RuleList(props: RuleListProps) {
  const { rules, canManage } = props;
  const [dragging, setDragging] = useState<number>();
  const [announcement, setAnnouncement] = useState('');
  const move = (from: number, to: number) => {
    if (to < 0 || to >= rules.length || to === from) return;
    props.onMove(from, to);
    setAnnouncement(
      `Moved ${ruleName(rules[from], from)} to position ${to + 1} of ${
        rules.length
      }.`,
    );
  };
  const onKeyDown = (index: number) => (e: KeyboardEvent) => {
    if (!canManage || !e.altKey) return;
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    move(index, index + (e.key === 'ArrowUp' ? -1 : 1));
  };
  return (
    <>
      <Box component="ol" aria-label="Incoming email rules" p={0} m={0}>
        {rules.map((rule, index) => (
          <Paper
            key={rule.key}
            component="li"
            variant="outlined"
            aria-label={`Rule ${index + 1}: ${ruleName(rule, index)}`}
            tabIndex={canManage ? 0 : undefined}
            draggable={canManage}
            onKeyDown={onKeyDown(index)}
            onDragStart={e => {
              setDragging(index);
              e.dataTransfer?.setData('text/plain', String(index));
            }}
            onDragOver={e => {
              if (dragging !== undefined) e.preventDefault();
            }}
            onDrop={e => {
              e.preventDefault();
              if (dragging !== undefined) move(dragging, index);
              setDragging(undefined);
            }}
            onDragEnd={() => setDragging(undefined)}
            style={{
              listStyle: 'none',
              marginBottom: 8,
              opacity: dragging === index ? 0.5 : 1,
            }}
          >
            <RuleRow {...props} rule={rule} index={index} move={move} />
          </Paper>
        ))}
      </Box>
      <div
        aria-live="polite"
        role="status"
        style={{ position: 'absolute', left: -10000, width: 1, height: 1 }}
      >
        {announcement}
      </div>
    </>
  );
}

function RuleRow(
  props: RuleListProps & {
    rule: IncomingRuleDraft;
    index: number;
    move(from: number, to: number): void;
  },
) {
  const { rule, index, canManage, move } = props;
  const name = ruleName(rule, index);
  return (
    <Box display="flex" alignItems="flex-start" p={1} style={{ gap: 8 }}>
      {canManage && (
        <Box mt={1} style={{ cursor: 'grab' }} aria-hidden>
          <DragIndicatorIcon color="action" />
        </Box>
      )}
      <Box flex={1} minWidth={0}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          <Typography variant="subtitle1" component="h3">
            {index + 1}. {name}
          </Typography>
          {!rule.enabled && <Chip size="small" label="Disabled" />}
          {rule.stopProcessing && (
            <Chip size="small" label="Stops processing" />
          )}
          {props.withErrors.has(index) && (
            <Chip size="small" color="secondary" label="Has errors" />
          )}
        </Box>
        <Typography variant="body2">
          <strong>When</strong> {describeConditions(rule, props.incoming)}
        </Typography>
        <Typography variant="body2">
          <strong>Then</strong> {describeActions(rule)}
        </Typography>
      </Box>
      {canManage && (
        <Box display="flex" alignItems="center">
          <Tooltip title={rule.enabled ? 'Enabled' : 'Disabled'}>
            <Switch
              color="primary"
              checked={rule.enabled}
              inputProps={{ 'aria-label': `Enable ${name}` }}
              onChange={e => props.onToggle(index, e.target.checked)}
            />
          </Tooltip>
          <IconButton
            aria-label={`Edit ${name}`}
            onClick={() => props.onEdit(index)}
          >
            <EditIcon />
          </IconButton>
          <IconButton
            aria-label={`Move ${name} up`}
            disabled={index === 0}
            onClick={() => move(index, index - 1)}
          >
            <ArrowUpwardIcon />
          </IconButton>
          <IconButton
            aria-label={`Move ${name} down`}
            disabled={index === props.rules.length - 1}
            onClick={() => move(index, index + 1)}
          >
            <ArrowDownwardIcon />
          </IconButton>
          <IconButton
            aria-label={`Delete ${name}`}
            onClick={() => props.onRemove(index)}
          >
            <DeleteIcon />
          </IconButton>
        </Box>
      )}
    </Box>
  );
}
