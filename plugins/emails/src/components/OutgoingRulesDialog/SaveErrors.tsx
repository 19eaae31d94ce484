import { AlertTitle } from '@material-ui/lab';
import { SaveErrorAlert } from '../common/SaveErrorAlert';
import { summarizeRuleErrors } from './ruleErrors';
import { OutgoingRulesForm } from './useOutgoingRulesForm';

/**
 * Why the last Update failed, above the rules: a stale version with Reload,
 * or every field error with its rule, as the fields may be scrolled away.
 */
export function SaveErrors(props: { form: OutgoingRulesForm }) {
  const { errors, rules = [], reload } = props.form;
  const lines = summarizeRuleErrors(errors.fields, rules);
  if (!errors.message && lines.length === 0) return null;
  return (
    <SaveErrorAlert conflict={errors.conflict} onReload={reload}>
      {lines.length > 0 && (
        <AlertTitle>The outgoing email rules were not saved</AlertTitle>
      )}
      {errors.message}
      {lines.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {lines.map(line => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </SaveErrorAlert>
  );
}
