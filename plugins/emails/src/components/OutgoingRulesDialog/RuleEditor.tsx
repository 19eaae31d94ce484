import { IncomingServer, OutgoingServer } from '@internal/plugin-emails-common';
import {
  Box,
  FormHelperText,
  IconButton,
  Paper,
  Typography,
} from '@material-ui/core';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import DeleteIcon from '@material-ui/icons/Delete';
import { Choice } from '../common/Choice';
import {
  OUTGOING_CONDITIONS,
  RuleConditionBuilder,
} from '../RuleConditionBuilder';
import {
  RuleEnabledSwitch,
  RuleNameField,
  StopProcessingCheckbox,
} from '../RuleConditionBuilder/RuleFields';
import { outgoingServerLabel } from './options';
import { RuleDraft } from './ruleDraft';

/** What a rule's editor shows and does. */
export interface RuleEditorProps {
  rule: RuleDraft;
  /** 0-based place in the list. */
  index: number;
  count: number;
  /** Errors by API path, e.g. `rules.0.name`. */
  errors: Record<string, string>;
  outgoing: OutgoingServer[];
  incoming: IncomingServer[];
  /** `reorders` when conditions were added or removed. */
  onChange(rule: RuleDraft, reorders?: boolean): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

/** One outgoing email rule: its name, switch, server, conditions and place in the list. */
export function RuleEditor(props: RuleEditorProps) {
  const { rule, index, errors, onChange } = props;
  const at = `rules.${index}`;
  const position = index + 1;
  const set = (change: Partial<RuleDraft>, reorders = false) =>
    onChange({ ...rule, ...change }, reorders);
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={`Rule ${position}`}
      // Spaces the rule from the next one and from the Add button.
      style={{ marginBottom: 16 }}
    >
      <Box p={2}>
        <Box display="flex" alignItems="flex-start" style={{ gap: 8 }}>
          <Box mt={2}>
            <Typography variant="subtitle2">{position}.</Typography>
          </Box>
          <RuleNameField
            rule={rule}
            path={at}
            errors={errors}
            set={set}
            style={{ flex: 1 }}
          />
          <RuleEnabledSwitch rule={rule} set={set} style={{ marginTop: 8 }} />
          <RuleOrderButtons {...props} />
        </Box>
        {errors[at] && <FormHelperText error>{errors[at]}</FormHelperText>}
        <ServerChoice {...props} />
        <RuleConditionBuilder
          vocabulary={OUTGOING_CONDITIONS}
          idPrefix={rule.key}
          match={rule.match}
          onMatchChange={match => set({ match })}
          conditions={rule.conditions}
          onChange={(conditions, reorders) => set({ conditions }, reorders)}
          errors={errors}
          path={at}
          incoming={props.incoming}
        />
        <StopProcessingCheckbox rule={rule} set={set} />
      </Box>
    </Paper>
  );
}

function RuleOrderButtons(props: RuleEditorProps) {
  const { index, count } = props;
  const position = index + 1;
  return (
    // Centred on the Rule Name input: 48px buttons beside a 40px input 8px down.
    <Box display="flex" mt={0.5}>
      <IconButton
        aria-label={`Move rule ${position} up`}
        disabled={index === 0}
        onClick={() => props.onMove(-1)}
      >
        <ArrowUpwardIcon />
      </IconButton>
      <IconButton
        aria-label={`Move rule ${position} down`}
        disabled={index === count - 1}
        onClick={() => props.onMove(1)}
      >
        <ArrowDownwardIcon />
      </IconButton>
      <IconButton
        aria-label={`Delete rule ${position}`}
        onClick={props.onRemove}
      >
        <DeleteIcon />
      </IconButton>
    </Box>
  );
}

function ServerChoice(props: RuleEditorProps) {
  const { rule, index, errors, outgoing, onChange } = props;
  const known = outgoing.some(s => s.id === rule.serverId);
  return (
    <Choice
      id={`${rule.key}-server`}
      label="Outgoing Email Server"
      value={rule.serverId}
      error={errors[`rules.${index}.actions`]}
      onChange={serverId => onChange({ ...rule, serverId })}
    >
      <option value="">Select an outgoing email server</option>
      {rule.serverId && !known && (
        <option value={rule.serverId}>{rule.serverId} (no such server)</option>
      )}
      {outgoing.map(s => (
        <option key={s.id} value={s.id}>
          {outgoingServerLabel(s)}
        </option>
      ))}
    </Choice>
  );
}
