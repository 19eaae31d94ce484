import {
  Checkbox,
  FormControlLabel,
  Switch,
  TextField,
} from '@material-ui/core';
import { CSSProperties } from 'react';

/** What incoming and outgoing rule drafts share and edit alike. */
export interface RuleDraftBase {
  key: string;
  name: string;
  enabled: boolean;
  stopProcessing: boolean;
}

/** A field of a rule draft: the draft, its API path (`rules.0`), the errors by path, and the change. */
export interface RuleFieldProps {
  rule: RuleDraftBase;
  path: string;
  errors: Record<string, string>;
  set(change: Partial<RuleDraftBase>): void;
}

/** The rule's name, with its error. */
export function RuleNameField(
  props: RuleFieldProps & { style?: CSSProperties; fullWidth?: boolean },
) {
  const { rule, path, errors, set } = props;
  return (
    <TextField
      id={`${rule.key}-name`}
      label="Rule Name"
      value={rule.name}
      onChange={e => set({ name: e.target.value })}
      error={!!errors[`${path}.name`]}
      helperText={errors[`${path}.name`]}
      margin="dense"
      variant="outlined"
      fullWidth={props.fullWidth}
      style={props.style}
    />
  );
}

/** The rule's Enabled switch. */
export function RuleEnabledSwitch(
  props: Omit<RuleFieldProps, 'path' | 'errors'> & { style?: CSSProperties },
) {
  const { rule, set } = props;
  return (
    <FormControlLabel
      label="Enabled"
      style={props.style}
      control={
        <Switch
          color="primary"
          checked={rule.enabled}
          onChange={e => set({ enabled: e.target.checked })}
        />
      }
    />
  );
}

/** The rule's Stop processing checkbox, saying what it does. */
export function StopProcessingCheckbox(
  props: Omit<RuleFieldProps, 'path' | 'errors'>,
) {
  const { rule, set } = props;
  return (
    <FormControlLabel
      label="Stop processing: later rules are not looked at when this rule matches"
      control={
        <Checkbox
          color="primary"
          checked={rule.stopProcessing}
          onChange={e => set({ stopProcessing: e.target.checked })}
        />
      }
    />
  );
}
