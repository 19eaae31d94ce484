import { TextField } from '@material-ui/core';
import { useState } from 'react';
import type { ValuesInputProps } from './ValuesInput';

/** The entries of a list as typed one per line: trimmed, blank lines and repeats dropped. */
export function listEntries(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map(v => v.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * The values of an `is in list` condition, one per line, as lists run long
 * (up to 1000 entries, e.g. pasted from a spreadsheet). The text is kept as
 * typed so a new empty line can be started.
 */
export function ListInput(props: ValuesInputProps) {
  const { id, condition, error, onChange } = props;
  const [text, setText] = useState(condition.values.join('\n'));
  const count = condition.values.length;
  return (
    <TextField
      id={id}
      label="List"
      multiline
      minRows={3}
      maxRows={10}
      fullWidth
      value={text}
      onChange={e => {
        setText(e.target.value);
        onChange(listEntries(e.target.value));
      }}
      error={!!error}
      helperText={
        error ??
        `One entry per line (${count} ${count === 1 ? 'entry' : 'entries'}); ${
          props.hint
        }`
      }
      margin="dense"
      variant="outlined"
    />
  );
}
