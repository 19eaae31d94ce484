import { Box, Button, FormHelperText, Typography } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { ConditionRow } from './ConditionRow';
import { newConditionDraft, removeAt, replaceAt, RuleDraft } from './ruleDraft';
import type { RuleEditorProps } from './RuleEditor';

/** The conditions of a rule, with Add condition and the error about the list as a whole. */
export function ConditionList(props: RuleEditorProps) {
  const { rule, index, errors, incoming, onChange } = props;
  const at = `rules.${index}.conditions`;
  const setConditions = (
    conditions: RuleDraft['conditions'],
    reorders = false,
  ) => onChange({ ...rule, conditions }, reorders);
  return (
    <Box mt={1}>
      <Typography variant="subtitle2" component="h4">
        Conditions
      </Typography>
      {rule.conditions.map((condition, c) => (
        <ConditionRow
          key={condition.key}
          condition={condition}
          position={c + 1}
          errors={errors}
          path={`${at}.${c}`}
          incoming={incoming}
          onChange={next => setConditions(replaceAt(rule.conditions, c, next))}
          onRemove={() => setConditions(removeAt(rule.conditions, c), true)}
        />
      ))}
      {errors[at] && <FormHelperText error>{errors[at]}</FormHelperText>}
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={() =>
          setConditions([...rule.conditions, newConditionDraft()], true)
        }
      >
        Add condition
      </Button>
    </Box>
  );
}
