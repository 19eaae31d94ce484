import {
  Box,
  FormControlLabel,
  FormHelperText,
  Switch,
  TextField,
} from '@material-ui/core';
import { ReactNode } from 'react';
import { FieldKey, ServerDraft } from './draft';
import { DrawerForm } from './form';
import { Choice, FIELD_LABELS } from './options';

type TextKey = {
  [K in FieldKey]: ServerDraft[K] extends string ? K : never;
}[FieldKey];
type FlagKey = {
  [K in FieldKey]: ServerDraft[K] extends boolean ? K : never;
}[FieldKey];

interface TextProps {
  field: TextKey;
  form: DrawerForm;
  helperText?: ReactNode;
  placeholder?: string;
  required?: boolean;
  multiline?: boolean;
  type?: 'text' | 'number' | 'email' | 'password' | 'date';
}

/** A text field of the drawer; renders nothing when the field is hidden. */
export function TextInput(props: TextProps) {
  const { field, form, helperText, multiline, type = 'text' } = props;
  if (!form.shown.has(field)) return null;
  const error = form.errors[field];
  return (
    <TextField
      id={`server-${field}`}
      label={FIELD_LABELS[field]}
      value={form.draft[field]}
      onChange={e => form.change(field, e.target.value as never)}
      error={!!error}
      helperText={error ?? helperText}
      placeholder={props.placeholder}
      required={props.required}
      multiline={multiline}
      minRows={multiline ? 2 : undefined}
      type={type}
      // A date input always shows its mm/dd/yyyy mask: keep the label above it.
      InputLabelProps={type === 'date' ? { shrink: true } : undefined}
      fullWidth
      margin="dense"
      variant="outlined"
    />
  );
}

/** A select of the drawer; renders nothing when the field is hidden. */
export function SelectInput<T extends string>(props: {
  field:
    | TextKey
    | 'provider'
    | 'protocol'
    | 'security'
    | 'authType'
    | 'filter.type';
  form: DrawerForm;
  choices: Choice<T>[];
  helperText?: ReactNode;
}) {
  const { field, form, choices } = props;
  if (!form.shown.has(field)) return null;
  const error = form.errors[field];
  return (
    <TextField
      id={`server-${field}`}
      select
      label={FIELD_LABELS[field]}
      value={form.draft[field]}
      onChange={e => form.change(field, e.target.value as never)}
      error={!!error}
      helperText={error ?? props.helperText}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      fullWidth
      margin="dense"
      variant="outlined"
    >
      {choices.map(choice => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </TextField>
  );
}

/**
 * A switch of the drawer; renders nothing when the field is hidden. With
 * `checked` it shows that value instead of the draft's (a setting another
 * one implies), usually together with `disabled`.
 */
export function SwitchInput(props: {
  field: FlagKey;
  form: DrawerForm;
  helperText?: ReactNode;
  checked?: boolean;
  disabled?: boolean;
}) {
  const { field, form, helperText } = props;
  if (!form.shown.has(field)) return null;
  const error = form.errors[field];
  const help = error ?? helperText;
  const helpId = help ? `server-${field}-help` : undefined;
  const control = (
    <FormControlLabel
      label={FIELD_LABELS[field]}
      disabled={props.disabled}
      control={
        <Switch
          color="primary"
          checked={props.checked ?? form.draft[field]}
          onChange={e => form.change(field, e.target.checked)}
          inputProps={{
            'aria-label': FIELD_LABELS[field],
            'aria-describedby': helpId,
          }}
        />
      }
    />
  );
  if (!help) return control;
  return (
    <Box>
      {control}
      <FormHelperText id={helpId} error={!!error}>
        {help}
      </FormHelperText>
    </Box>
  );
}

/**
 * A write-only secret. When the server already holds one the field stays
 * empty and says so; leaving it empty keeps the stored secret.
 */
export function SecretInput(props: {
  field: 'password' | 'oauth.clientSecret';
  form: DrawerForm;
}) {
  const { field, form } = props;
  const isSet =
    field === 'password'
      ? form.secretsSet.password
      : form.secretsSet.clientSecret;
  const label = FIELD_LABELS[field];
  const replacing = isSet && form.draft[field] === '';
  return (
    <TextInput
      field={field}
      form={form}
      type="password"
      placeholder={isSet ? 'Set — type to replace' : undefined}
      helperText={replacing ? `${label} is set — type to replace` : undefined}
    />
  );
}
