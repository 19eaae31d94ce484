import { IncomingServer } from '@internal/plugin-emails-common';
import { Box, Typography } from '@material-ui/core';
import { Choice } from '../common/Choice';
import { ConditionDraft, newConditionDraft } from './conditionDraft';
import { ConditionRow } from './ConditionRow';
import { RuleRowList } from './RuleRows';
import { ConditionVocabulary } from './vocabularies';

/** What the condition builder of one rule shows and does. */
export interface RuleConditionBuilderProps {
  /** The fields and operators of this kind of rule. */
  vocabulary: ConditionVocabulary;
  /** Prefixes the ids of the rule-wide inputs; unique in the page. */
  idPrefix: string;
  match: 'all' | 'any';
  onMatchChange(match: 'all' | 'any'): void;
  conditions: ConditionDraft[];
  /** `reorders` when a condition was added or removed: errors by position no longer fit. */
  onChange(conditions: ConditionDraft[], reorders?: boolean): void;
  /** Errors by API path; `path` is the rule's, e.g. `rules.0`. */
  errors: Record<string, string>;
  path: string;
  /** The incoming servers a mailbox condition picks from. */
  incoming: IncomingServer[];
}

/**
 * The conditions of an email rule, outgoing or incoming: match all or any,
 * one row per condition (field, operator valid for it, values), Add
 * condition, and the error about the list as a whole.
 */
export function RuleConditionBuilder(props: RuleConditionBuilderProps) {
  const { vocabulary, conditions, errors, path, onChange } = props;
  const at = `${path}.conditions`;
  const replace = (index: number, next: ConditionDraft) =>
    onChange(conditions.map((c, i) => (i === index ? next : c)));
  return (
    <RuleRowList
      mt={1}
      heading={
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          <Typography variant="subtitle2" component="h4">
            Conditions
          </Typography>
          <Choice
            id={`${props.idPrefix}-match`}
            label="Match"
            value={props.match}
            onChange={match => props.onMatchChange(match as 'all' | 'any')}
          >
            <option value="all">All conditions</option>
            <option value="any">Any condition</option>
          </Choice>
        </Box>
      }
      error={errors[at]}
      addLabel="Add condition"
      onAdd={() =>
        onChange([...conditions, newConditionDraft(vocabulary)], true)
      }
    >
      {conditions.map((condition, c) => (
        <ConditionRow
          key={condition.key}
          vocabulary={vocabulary}
          condition={condition}
          position={c + 1}
          errors={errors}
          path={`${at}.${c}`}
          incoming={props.incoming}
          onChange={next => replace(c, next)}
          onRemove={() =>
            onChange(
              conditions.filter((_, i) => i !== c),
              true,
            )
          }
        />
      ))}
    </RuleRowList>
  );
}
