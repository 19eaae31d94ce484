import { Ticket } from '@internal/plugin-emails-common';
import { Choice } from '../common/Choice';

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
    <Choice
      id="requests-status"
      label="Status"
      value={props.value}
      onChange={value => props.onChange(value as StatusFilterValue)}
    >
      {CHOICES.map(choice => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </Choice>
  );
}
