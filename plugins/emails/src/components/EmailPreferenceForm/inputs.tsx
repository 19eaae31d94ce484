import {
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  Switch,
  TextField,
} from '@material-ui/core';
import { PREFERENCE_LABELS } from './labels';
import { PreferenceDraft, PreferenceField } from './preferenceDraft';

/** What each input of the Email Preference form works with. */
export interface PreferenceForm {
  draft: PreferenceDraft;
  errors: Record<string, string>;
  readOnly: boolean;
  change<K extends PreferenceField>(key: K, value: PreferenceDraft[K]): void;
}

type Keys<T> = {
  [K in PreferenceField]: PreferenceDraft[K] extends T ? K : never;
}[PreferenceField];

/** A yes/no setting. */
export function PreferenceSwitch(props: {
  field: Keys<boolean>;
  form: PreferenceForm;
}) {
  const { field, form } = props;
  return (
    <FormControlLabel
      label={PREFERENCE_LABELS[field]}
      control={
        <Switch
          color="primary"
          checked={form.draft[field]}
          disabled={form.readOnly}
          onChange={e => form.change(field, e.target.checked)}
        />
      }
    />
  );
}

/** A text or number setting. */
export function PreferenceText(props: {
  field: Keys<string>;
  form: PreferenceForm;
  type?: 'text' | 'number';
  helperText?: string;
  multiline?: boolean;
  minRows?: number;
}) {
  const { field, form } = props;
  const error = form.errors[field];
  return (
    <TextField
      id={`preference-${field}`}
      label={PREFERENCE_LABELS[field]}
      value={form.draft[field]}
      onChange={e => form.change(field, e.target.value)}
      type={props.type ?? 'text'}
      multiline={props.multiline}
      minRows={props.minRows}
      error={!!error}
      helperText={error ?? props.helperText}
      InputProps={{ readOnly: form.readOnly }}
      margin="dense"
      variant="outlined"
      fullWidth
    />
  );
}

/** A choice of one among a few, with what it means below when given. */
export function PreferenceRadios<K extends Keys<string>>(props: {
  field: K;
  form: PreferenceForm;
  choices: { value: PreferenceDraft[K]; label: string }[];
  helperText?: string;
}) {
  const { field, form } = props;
  const error = form.errors[field];
  const helper = error ?? props.helperText;
  return (
    <FormControl component="fieldset" margin="dense" error={!!error}>
      <FormLabel component="legend">{PREFERENCE_LABELS[field]}</FormLabel>
      <RadioGroup
        name={field}
        value={form.draft[field]}
        onChange={e => form.change(field, e.target.value as PreferenceDraft[K])}
      >
        {props.choices.map(c => (
          <FormControlLabel
            key={c.value}
            value={c.value}
            label={c.label}
            control={<Radio color="primary" disabled={form.readOnly} />}
          />
        ))}
      </RadioGroup>
      {helper && <FormHelperText>{helper}</FormHelperText>}
    </FormControl>
  );
}

/** Select Recipient Type Considered as CC User: To and CC checkboxes. */
export function RecipientTypes(props: { form: PreferenceForm }) {
  const { form } = props;
  const types = form.draft.ccRecipientTypes;
  const toggle = (type: 'to' | 'cc', on: boolean) =>
    form.change(
      'ccRecipientTypes',
      on
        ? [...types.filter(t => t !== type), type]
        : types.filter(t => t !== type),
    );
  const error = form.errors.ccRecipientTypes;
  return (
    <FormControl component="fieldset" margin="dense" error={!!error}>
      <FormLabel component="legend">
        {PREFERENCE_LABELS.ccRecipientTypes}
      </FormLabel>
      <FormGroup row>
        {(['to', 'cc'] as const).map(type => (
          <FormControlLabel
            key={type}
            label={type === 'to' ? 'To User' : 'CC User'}
            control={
              <Checkbox
                color="primary"
                checked={types.includes(type)}
                disabled={form.readOnly}
                onChange={e => toggle(type, e.target.checked)}
              />
            }
          />
        ))}
      </FormGroup>
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
}
