import { IncomingServer } from '@internal/plugin-emails-common';
import { FormHelperText } from '@material-ui/core';
import { useState } from 'react';
import {
  INCOMING_CONDITIONS,
  RuleConditionBuilder,
} from '../RuleConditionBuilder';
import { RuleDialogFrame } from '../RuleConditionBuilder/RuleDialogFrame';
import {
  RuleEnabledSwitch,
  RuleNameField,
  StopProcessingCheckbox,
} from '../RuleConditionBuilder/RuleFields';
import { ActionEditor } from './ActionEditor';
import { IncomingRuleDraft } from './incomingRuleDraft';
import { errorsOfRule } from './incomingRuleErrors';
import { checkIncomingRules } from './useIncomingRulesForm';

/** What the editor of one incoming rule shows and does. */
export interface RuleEditorDialogProps {
  /** The rule as it stands in the list, or a new one. */
  rule: IncomingRuleDraft;
  /** Its place in the list; the list's length for a new rule. */
  index: number;
  /** The other rules, to check names are unique. */
  rules: IncomingRuleDraft[];
  /** Errors of the last save, by API path. */
  errors: Record<string, string>;
  incoming: IncomingServer[];
  /** Puts the edited rule into the list; Save on the tab saves the list. */
  onDone(rule: IncomingRuleDraft): void;
  onClose(): void;
}

/**
 * Add or edit one incoming email rule: name, switch, conditions, actions and
 * Stop processing. Done checks the rule as the backend would and shows each
 * problem at its field.
 */
export function RuleEditorDialog(props: RuleEditorDialogProps) {
  const { index, rules, incoming, onDone, onClose } = props;
  const [rule, setRule] = useState(props.rule);
  const [errors, setErrors] = useState(() => errorsOfRule(props.errors, index));
  const at = `rules.${index}`;
  const set = (change: Partial<IncomingRuleDraft>, reorders = false) => {
    setRule(current => ({ ...current, ...change }));
    if (reorders) setErrors({});
  };
  const done = () => {
    const list = [...rules.slice(0, index), rule, ...rules.slice(index + 1)];
    const found = errorsOfRule(checkIncomingRules(list, 0).fields, index);
    if (Object.keys(found).length) setErrors(found);
    else onDone(rule);
  };
  const isNew = index >= rules.length;
  return (
    <RuleDialogFrame
      id="incoming-rule"
      title={isNew ? 'Add Incoming Email Rule' : `Edit rule ${index + 1}`}
      onClose={onClose}
      action="Done"
      onAction={done}
    >
      <RuleNameField
        rule={rule}
        path={at}
        errors={errors}
        set={set}
        fullWidth
      />
      {errors[at] && <FormHelperText error>{errors[at]}</FormHelperText>}
      <RuleEnabledSwitch rule={rule} set={set} />
      <RuleConditionBuilder
        vocabulary={INCOMING_CONDITIONS}
        idPrefix={rule.key}
        match={rule.match}
        onMatchChange={match => set({ match })}
        conditions={rule.conditions}
        onChange={(conditions, reorders) => set({ conditions }, reorders)}
        errors={errors}
        path={at}
        incoming={incoming}
      />
      <ActionEditor
        actions={rule.actions}
        onChange={(actions, reorders) => set({ actions }, reorders)}
        errors={errors}
        path={at}
      />
      <StopProcessingCheckbox rule={rule} set={set} />
    </RuleDialogFrame>
  );
}
