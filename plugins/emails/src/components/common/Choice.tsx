import { TextField } from '@material-ui/core';
import { ReactNode } from 'react';

/**
 * A labelled native select, as the filters and the rule editor use it; the
 * options are its `<option>` children.
 */
export function Choice(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  children: ReactNode;
  /** Shown under the select, which is then marked invalid. */
  error?: string;
  helperText?: ReactNode;
  /** Fills its container instead of its 200px minimum. */
  fullWidth?: boolean;
}) {
  const { error, fullWidth } = props;
  return (
    <TextField
      id={props.id}
      select
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      error={!!error}
      helperText={error ?? props.helperText}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      margin="dense"
      variant="outlined"
      fullWidth={fullWidth}
      style={fullWidth ? undefined : { minWidth: 200 }}
    >
      {props.children}
    </TextField>
  );
}
