import { IncomingServer } from '@internal/plugin-emails-common';
import { Box, TextField } from '@material-ui/core';
import { Choice } from '../common/Choice';
import { changeCondition, ConditionDraft } from './conditionDraft';
import { RuleRow } from './RuleRows';
import { ValuesInput } from './ValuesInput';
import { ConditionVocabulary, fieldLabel, operatorLabel } from './vocabularies';

const METHODS = [
  { value: 'spf', label: 'SPF' },
  { value: 'dkim', label: 'DKIM' },
  { value: 'dmarc', label: 'DMARC' },
];

/** What one condition row shows and does. */
export interface ConditionRowProps {
  vocabulary: ConditionVocabulary;
  condition: ConditionDraft;
  position: number;
  /** Errors by API path; `path` is this condition's, e.g. `rules.0.conditions.1`. */
  errors: Record<string, string>;
  path: string;
  incoming: IncomingServer[];
  onChange(condition: ConditionDraft): void;
  onRemove(): void;
}

/** One condition of a rule: field (with header name or check), operator and values, with Remove. */
export function ConditionRow(props: ConditionRowProps) {
  const { vocabulary, condition, position, errors, path, incoming } = props;
  const change = (c: Parameters<typeof changeCondition>[2]) =>
    props.onChange(changeCondition(vocabulary, condition, c));
  const known = vocabulary.fields.some(f => f.field === condition.field);
  return (
    <RuleRow noun="condition" position={position} onRemove={props.onRemove}>
      <Choice
        id={`${condition.key}-field`}
        label="Field"
        value={condition.field}
        error={errors[`${path}.field`]}
        onChange={field => change({ field })}
      >
        {!known && (
          <option value={condition.field}>
            {fieldLabel(vocabulary, condition.field)}
          </option>
        )}
        {vocabulary.fields.map(f => (
          <option key={f.field} value={f.field}>
            {f.label}
          </option>
        ))}
      </Choice>
      <FieldDetail {...props} onDetail={change} />
      <Choice
        id={`${condition.key}-operator`}
        label="Operator"
        value={condition.operator}
        error={errors[`${path}.operator`]}
        onChange={operator => change({ operator })}
      >
        {vocabulary.operators(condition.field).map(op => (
          <option key={op} value={op}>
            {operatorLabel(op)}
          </option>
        ))}
      </Choice>
      <Box flex="1 1 240px">
        <ValuesInput
          id={`${condition.key}-values`}
          condition={condition}
          incoming={incoming}
          hint={vocabulary.hint(condition.field)}
          error={errors[`${path}.values`]}
          onChange={values => change({ values })}
        />
      </Box>
    </RuleRow>
  );
}

/** The header name of a header condition, or the check of an authentication one. */
function FieldDetail(
  props: ConditionRowProps & {
    onDetail(change: { header?: string; method?: string }): void;
  },
) {
  const { condition, errors, path, onDetail } = props;
  if (condition.field === 'header') {
    return (
      <TextField
        id={`${condition.key}-header`}
        label="Header name"
        placeholder="X-Priority"
        value={condition.header ?? ''}
        onChange={e => onDetail({ header: e.target.value })}
        error={!!errors[`${path}.header`]}
        helperText={errors[`${path}.header`]}
        margin="dense"
        variant="outlined"
      />
    );
  }
  if (condition.field !== 'authentication') return null;
  return (
    <Choice
      id={`${condition.key}-method`}
      label="Check"
      value={condition.method ?? 'spf'}
      error={errors[`${path}.method`]}
      onChange={method => onDetail({ method })}
    >
      {METHODS.map(m => (
        <option key={m.value} value={m.value}>
          {m.label}
        </option>
      ))}
    </Choice>
  );
}
