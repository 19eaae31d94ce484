import { regexProblem } from '@internal/plugin-emails-common';
import { Chip, TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import type { ValuesInputProps } from './ValuesInput';

/** The first pattern that does not compile and why, for the helper text. */
export function firstRegexProblem(patterns: string[]): string | undefined {
  for (const [index, pattern] of patterns.entries()) {
    const problem = regexProblem(pattern);
    if (problem) return `Pattern ${index + 1} (${pattern}) ${problem}`;
  }
  return undefined;
}

/**
 * The regular expressions of a condition as chips, each checked as it is
 * added: a broken one is marked at once rather than refused on Save.
 */
export function RegexInput(props: ValuesInputProps) {
  const { id, condition, error, onChange } = props;
  const problem = firstRegexProblem(condition.values);
  return (
    <Autocomplete<string, true, false, true>
      id={id}
      multiple
      freeSolo
      autoSelect
      fullWidth
      options={[]}
      value={condition.values}
      onChange={(_, typed) =>
        onChange([...new Set(typed.map(v => v.trim()).filter(Boolean))])
      }
      renderTags={(typed, getTagProps) =>
        typed.map((pattern, index) => {
          const invalid = !!regexProblem(pattern);
          return (
            <Chip
              size="small"
              label={pattern}
              color={invalid ? 'secondary' : 'default'}
              aria-invalid={invalid}
              {...getTagProps({ index })}
              key={pattern}
            />
          );
        })
      }
      renderInput={params => (
        <TextField
          {...params}
          label="Patterns"
          error={!!error || !!problem}
          helperText={
            error ??
            problem ??
            'Regular expressions, ignoring case; press Enter after each'
          }
          margin="dense"
          variant="outlined"
        />
      )}
    />
  );
}
