import { INCOMING_RULE_ACTIONS } from '@internal/plugin-emails-common';
import { Box, TextField, Typography } from '@material-ui/core';
import { Choice } from '../common/Choice';
import { RuleRow, RuleRowList } from '../RuleConditionBuilder/RuleRows';
import { TypedValues } from '../RuleConditionBuilder/ValuesInput';
import {
  ACTION_LABELS,
  ActionDraft,
  newActionDraft,
} from './incomingRuleDraft';

const VALUE_HINTS: Record<string, string> = {
  technicianGroup: 'A group such as group:default/it-support',
  assignTo: 'A technician such as user:default/jdoe',
};

/** What the action editor of one rule shows and does. */
export interface ActionEditorProps {
  actions: ActionDraft[];
  /** `reorders` when an action was added or removed. */
  onChange(actions: ActionDraft[], reorders?: boolean): void;
  /** Errors by API path; `path` is the rule's, e.g. `rules.0`. */
  errors: Record<string, string>;
  path: string;
}

/** The actions of an incoming rule: one row each (type and its inputs), with Add action. */
export function ActionEditor(props: ActionEditorProps) {
  const { actions, errors, path, onChange } = props;
  const at = `${path}.actions`;
  const replace = (index: number, next: ActionDraft) =>
    onChange(actions.map((a, i) => (i === index ? next : a)));
  return (
    <RuleRowList
      mt={2}
      heading={
        <Typography variant="subtitle2" component="h4">
          Actions
        </Typography>
      }
      error={errors[at]}
      addLabel="Add action"
      onAdd={() => onChange([...actions, newActionDraft()], true)}
    >
      {actions.map((action, a) => (
        <ActionRow
          key={action.key}
          action={action}
          position={a + 1}
          errors={errors}
          path={`${at}.${a}`}
          onChange={next => replace(a, next)}
          onRemove={() =>
            onChange(
              actions.filter((_, i) => i !== a),
              true,
            )
          }
        />
      ))}
    </RuleRowList>
  );
}

function ActionRow(props: {
  action: ActionDraft;
  position: number;
  errors: Record<string, string>;
  path: string;
  onChange(action: ActionDraft): void;
  onRemove(): void;
}) {
  const { action, position, errors, path, onChange } = props;
  const set = (change: Partial<ActionDraft>) =>
    onChange({ ...action, ...change });
  return (
    <RuleRow noun="action" position={position} onRemove={props.onRemove}>
      <Choice
        id={`${action.key}-type`}
        label="Action"
        value={action.type}
        error={errors[`${path}.type`] ?? errors[path]}
        onChange={type => set({ type: type as ActionDraft['type'] })}
      >
        {INCOMING_RULE_ACTIONS.map(type => (
          <option key={type} value={type}>
            {ACTION_LABELS[type]}
          </option>
        ))}
      </Choice>
      <Box flex="1 1 240px" display="flex" style={{ gap: 8 }}>
        <ActionInputs {...props} set={set} />
      </Box>
    </RuleRow>
  );
}

function ActionInputs(props: {
  action: ActionDraft;
  errors: Record<string, string>;
  path: string;
  set(change: Partial<ActionDraft>): void;
}) {
  const { action, errors, path, set } = props;
  if (action.type === 'ignore' || action.type === 'quarantine') return null;
  if (action.type === 'addCc') {
    return (
      <TypedValues
        id={`${action.key}-values`}
        label="Addresses"
        condition={{
          key: action.key,
          field: '',
          operator: '',
          values: action.values,
        }}
        incoming={[]}
        hint="Addresses such as manager@example.com"
        error={errors[`${path}.values`]}
        onChange={values => set({ values })}
      />
    );
  }
  const value = (
    <TextField
      id={`${action.key}-value`}
      label="Value"
      value={action.value}
      onChange={e => set({ value: e.target.value })}
      error={!!errors[`${path}.value`]}
      helperText={errors[`${path}.value`] ?? VALUE_HINTS[action.type]}
      margin="dense"
      variant="outlined"
      fullWidth
    />
  );
  if (action.type !== 'setField') return value;
  return (
    <>
      <TextField
        id={`${action.key}-field`}
        label="Ticket field"
        placeholder="impact"
        value={action.field}
        onChange={e => set({ field: e.target.value })}
        error={!!errors[`${path}.field`]}
        helperText={errors[`${path}.field`]}
        margin="dense"
        variant="outlined"
      />
      {value}
    </>
  );
}
