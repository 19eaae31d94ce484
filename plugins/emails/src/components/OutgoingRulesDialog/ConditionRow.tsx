import {
  IncomingServer,
  OUTGOING_RULE_FIELDS,
  RULE_OPERATORS,
  RuleOperator,
} from '@internal/plugin-emails-common';
import { Box, IconButton } from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import { Choice } from '../common/Choice';
import { fieldLabel, OPERATOR_LABELS } from './options';
import { changeCondition, ConditionDraft } from './ruleDraft';
import { ValuesInput } from './ValuesInput';

/** One condition of a rule: field, operator and values, with Remove. */
export function ConditionRow(props: {
  condition: ConditionDraft;
  position: number;
  /** Errors by API path; `path` is this condition's, e.g. `rules.0.conditions.1`. */
  errors: Record<string, string>;
  path: string;
  incoming: IncomingServer[];
  onChange(condition: ConditionDraft): void;
  onRemove(): void;
}) {
  const { condition, position, errors, path, incoming } = props;
  const change = (c: Parameters<typeof changeCondition>[1]) =>
    props.onChange(changeCondition(condition, c));
  const known = OUTGOING_RULE_FIELDS.some(f => f.field === condition.field);
  return (
    <Box
      role="group"
      aria-label={`Condition ${position}`}
      display="flex"
      alignItems="flex-start"
      style={{ gap: 8 }}
    >
      <Choice
        id={`${condition.key}-field`}
        label="Field"
        value={condition.field}
        error={errors[`${path}.field`]}
        onChange={field => change({ field })}
      >
        {!known && (
          <option value={condition.field}>{fieldLabel(condition.field)}</option>
        )}
        {OUTGOING_RULE_FIELDS.map(f => (
          <option key={f.field} value={f.field}>
            {f.label}
          </option>
        ))}
      </Choice>
      <Choice
        id={`${condition.key}-operator`}
        label="Operator"
        value={condition.operator}
        error={errors[`${path}.operator`]}
        onChange={operator => change({ operator: operator as RuleOperator })}
      >
        {RULE_OPERATORS.map(op => (
          <option key={op} value={op}>
            {OPERATOR_LABELS[op]}
          </option>
        ))}
      </Choice>
      <ValuesInput
        id={`${condition.key}-values`}
        condition={condition}
        incoming={incoming}
        error={errors[`${path}.values`]}
        onChange={values => change({ values })}
      />
      {/* As tall as the inputs (dense margin, 40px), so the icon centres on them. */}
      <Box mt={1} height={40} display="flex" alignItems="center">
        <IconButton
          aria-label={`Remove condition ${position}`}
          size="small"
          onClick={props.onRemove}
        >
          <DeleteIcon fontSize="small" />
        </IconButton>
      </Box>
    </Box>
  );
}
