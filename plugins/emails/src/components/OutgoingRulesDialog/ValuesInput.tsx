import { IncomingServer } from '@internal/plugin-emails-common';
import { Chip, TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { mailboxChoices, VALUE_HINTS } from './options';
import { ConditionDraft, picksMailboxes } from './ruleDraft';

interface ValuesInputProps {
  id: string;
  condition: ConditionDraft;
  incoming: IncomingServer[];
  error?: string;
  onChange(values: string[]): void;
}

const renderChips = (
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
 * The values of a condition as chips: typed text (Enter or leaving the field
 * adds one, so a value may hold a comma), or for an exact mailbox condition,
 * incoming servers picked by name.
 */
export function ValuesInput(props: ValuesInputProps) {
  const { id, condition, incoming, error, onChange } = props;
  const values = condition.values;
  if (picksMailboxes(condition)) {
    const choices = mailboxChoices(incoming, values);
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
        value={values}
        onChange={(_, picked) => onChange(picked)}
        renderTags={(picked, getTagProps) =>
          renderChips(picked, getTagProps, label)
        }
        renderInput={params => (
          <TextField
            {...params}
            label="Mailboxes"
            error={!!error}
            helperText={error ?? 'Incoming servers whose mail this is'}
            margin="dense"
            variant="outlined"
          />
        )}
      />
    );
  }
  return (
    <Autocomplete<string, true, false, true>
      id={id}
      multiple
      freeSolo
      autoSelect
      fullWidth
      options={[]}
      value={values}
      onChange={(_, typed) =>
        onChange([...new Set(typed.map(v => v.trim()).filter(Boolean))])
      }
      renderTags={(typed, getTagProps) => renderChips(typed, getTagProps)}
      renderInput={params => (
        <TextField
          {...params}
          label="Values"
          error={!!error}
          helperText={
            error ??
            `${
              VALUE_HINTS[condition.field] ?? 'Values'
            }; press Enter after each`
          }
          margin="dense"
          variant="outlined"
        />
      )}
    />
  );
}
