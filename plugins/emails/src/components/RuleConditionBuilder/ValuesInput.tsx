import {
  AUTHENTICATION_RESULTS,
  IncomingServer,
} from '@internal/plugin-emails-common';
import { Chip, TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { Choice } from '../common/Choice';
import { ConditionDraft, valueKind } from './conditionDraft';
import { ListInput } from './ListInput';
import { mailboxChoices } from './mailboxChoices';
import { RegexInput } from './RegexInput';

/** What the values input of one condition shows and does. */
export interface ValuesInputProps {
  id: string;
  condition: ConditionDraft;
  incoming: IncomingServer[];
  /** What to type, e.g. "Domains such as example.com". */
  hint: string;
  error?: string;
  onChange(values: string[]): void;
}

/** The values as chips; `label` names a picked value. */
export const renderChips = (
  values: string[],
  getTagProps: (props: { index: number }) => object,
  label: (value: string) => string = v => v,
) =>
  values.map((value, index) => (
    <Chip
      size="small"
      label={label(value)}
      {...getTagProps({ index })}
      key={value}
    />
  ));

/**
 * The values of a condition, entered as the field and operator need: typed
 * chips (Enter or leaving the field adds one, so a value may hold a comma),
 * a long list one per line, regular expressions checked as typed, incoming
 * servers or authentication results picked by name, or yes / no.
 */
export function ValuesInput(props: ValuesInputProps) {
  const kind = valueKind(props.condition);
  if (kind === 'mailbox') return <MailboxPicker {...props} />;
  if (kind === 'authResult') return <ResultPicker {...props} />;
  if (kind === 'list') return <ListInput {...props} />;
  if (kind === 'regex') return <RegexInput {...props} />;
  if (kind === 'yesNo') {
    return (
      <Choice
        id={props.id}
        label="Value"
        value={props.condition.values[0] ?? 'true'}
        error={props.error}
        onChange={v => props.onChange([v])}
      >
        <option value="true">Yes</option>
        <option value="false">No</option>
      </Choice>
    );
  }
  return <TypedValues {...props} />;
}

/** Free text values as chips. */
export function TypedValues(props: ValuesInputProps & { label?: string }) {
  const { id, condition, hint, error, onChange } = props;
  return (
    <Autocomplete<string, true, false, true>
      id={id}
      multiple
      freeSolo
      autoSelect
      fullWidth
      options={[]}
      value={condition.values}
      onChange={(_, typed) =>
        onChange([...new Set(typed.map(v => v.trim()).filter(Boolean))])
      }
      renderTags={(typed, getTagProps) => renderChips(typed, getTagProps)}
      renderInput={params => (
        <TextField
          {...params}
          label={props.label ?? 'Values'}
          error={!!error}
          helperText={error ?? `${hint}; press Enter after each`}
          margin="dense"
          variant="outlined"
        />
      )}
    />
  );
}

function Picker(
  props: ValuesInputProps & {
    label: string;
    helperText: string;
    choices: { value: string; label: string }[];
  },
) {
  const { id, condition, error, choices, onChange } = props;
  const label = (value: string) =>
    choices.find(c => c.value === value)?.label ?? value;
  return (
    <Autocomplete<string, true>
      id={id}
      multiple
      fullWidth
      options={choices.map(c => c.value)}
      getOptionLabel={label}
      filterSelectedOptions
      value={condition.values}
      onChange={(_, picked) => onChange(picked)}
      renderTags={(picked, getTagProps) =>
        renderChips(picked, getTagProps, label)
      }
      renderInput={params => (
        <TextField
          {...params}
          label={props.label}
          error={!!error}
          helperText={error ?? props.helperText}
          margin="dense"
          variant="outlined"
        />
      )}
    />
  );
}

function MailboxPicker(props: ValuesInputProps) {
  return (
    <Picker
      {...props}
      label="Mailboxes"
      helperText="Incoming servers whose mail this is"
      choices={mailboxChoices(props.incoming, props.condition.values)}
    />
  );
}

function ResultPicker(props: ValuesInputProps) {
  const known = AUTHENTICATION_RESULTS.map(r => ({ value: r, label: r }));
  const saved = props.condition.values
    .filter(v => !AUTHENTICATION_RESULTS.includes(v))
    .map(v => ({ value: v, label: `${v} (not a result)` }));
  return (
    <Picker
      {...props}
      label="Results"
      helperText="What the check reported"
      choices={[...known, ...saved]}
    />
  );
}
