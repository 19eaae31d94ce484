import { Ticket } from '@internal/plugin-emails-common';
import { TextField } from '@material-ui/core';

/** Which requests the table shows. */
export type StatusFilterValue = Ticket['status'] | 'all';

const CHOICES: { value: StatusFilterValue; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
  { value: 'all', label: 'All' },
];

/** The status filter of the Requests table. */
export function StatusFilter(props: {
  value: StatusFilterValue;
  onChange(value: StatusFilterValue): void;
}) {
  return (
    <TextField
      id="requests-status"
      select
      label="Status"
      value={props.value}
      onChange={e => props.onChange(e.target.value as StatusFilterValue)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      margin="dense"
      variant="outlined"
    >
      {CHOICES.map(choice => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </TextField>
  );
}
