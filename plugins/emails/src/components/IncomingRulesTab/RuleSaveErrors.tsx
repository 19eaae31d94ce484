import { AlertTitle } from '@material-ui/lab';
import { SaveErrorAlert } from '../common/SaveErrorAlert';
import { IncomingRulesForm } from './useIncomingRulesForm';

/**
 * Why the last Save failed, above the rules: a stale version with Reload,
 * or each field error with its rule (the rule's editor shows it at the field).
 */
export function RuleSaveErrors(props: { form: IncomingRulesForm }) {
  const { errors, rules = [], reload } = props.form;
  const lines = Object.entries(errors.fields).map(([path, message]) => {
    const index = Number(path.split('.')[1]);
    const name = rules[index]?.name.trim();
    return `Rule ${index + 1}${name ? ` “${name}”` : ''}: ${message}`;
  });
  if (!errors.message && lines.length === 0) return null;
  return (
    <SaveErrorAlert conflict={errors.conflict} onReload={reload}>
      {lines.length > 0 && (
        <AlertTitle>The incoming email rules were not saved</AlertTitle>
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
