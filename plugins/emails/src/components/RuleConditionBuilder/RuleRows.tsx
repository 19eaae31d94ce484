import { Box, Button, FormHelperText, IconButton } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import { ReactNode } from 'react';

/**
 * One row of a rule's conditions or actions: its inputs and Remove, as a
 * group named after the row ("Condition 2") so tests and screen readers
 * find it.
 */
export function RuleRow(props: {
  /** What a row is, lower case: `condition`, `action`. */
  noun: string;
  position: number;
  onRemove(): void;
  children: ReactNode;
}) {
  const { noun, position } = props;
  return (
    <Box
      role="group"
      aria-label={`${noun[0].toUpperCase()}${noun.slice(1)} ${position}`}
      display="flex"
      alignItems="flex-start"
      flexWrap="wrap"
      style={{ gap: 8 }}
    >
      {props.children}
      {/* As tall as the inputs (dense margin, 40px), so the icon centres on them. */}
      <Box mt={1} height={40} display="flex" alignItems="center">
        <IconButton
          aria-label={`Remove ${noun} ${position}`}
          size="small"
          onClick={props.onRemove}
        >
          <DeleteIcon fontSize="small" />
        </IconButton>
      </Box>
    </Box>
  );
}

/** A rule's list of rows: its heading, the rows, the error about the list as a whole, and Add. */
export function RuleRowList(props: {
  heading: ReactNode;
  /** Space above the list, in theme units. */
  mt: number;
  error?: string;
  addLabel: string;
  onAdd(): void;
  children: ReactNode;
}) {
  return (
    <Box mt={props.mt}>
      {props.heading}
      {props.children}
      {props.error && <FormHelperText error>{props.error}</FormHelperText>}
      <Button size="small" startIcon={<AddIcon />} onClick={props.onAdd}>
        {props.addLabel}
      </Button>
    </Box>
  );
}
