import { FieldIssue, parseIssues } from '@internal/plugin-emails-common';

/** What a form shows after a failed save. */
export interface FormErrors {
  /** Messages under fields, keyed by the field's API path (e.g. `oauth.tokenUrl`). */
  fields: Record<string, string>;
  /** A message for the form as a whole. */
  message?: string;
  /** True when someone else saved first: the form must be reloaded. */
  conflict?: boolean;
}

/** No errors at all. */
export const NO_ERRORS: FormErrors = { fields: {} };

/** What a stale save (409 on the version) tells the admin. */
export const CONFLICT_MESSAGE =
  'This was changed by someone else — reload to see their changes, then save again.';

/**
 * Puts each issue under the form field whose path is the issue's path or its
 * closest parent (`filter.emails.1` goes under `filter.emails`); issues of
 * fields the form does not show end up in the form-wide message.
 */
export function issuesToFormErrors(
  issues: FieldIssue[],
  fields: readonly string[],
  fieldLabel: (field: string) => string = f => f,
): FormErrors {
  const placed: Record<string, string> = {};
  const rest: string[] = [];
  for (const issue of issues) {
    const field = owningField(issue.field, fields);
    if (field && !placed[field]) {
      placed[field] = `${fieldLabel(field)}${entryOf(issue.field, field)} ${
        issue.message
      }`;
    } else if (!field) {
      rest.push(`${fieldLabel(issue.field)} ${issue.message}`);
    }
  }
  return rest.length
    ? { fields: placed, message: rest.join('; ') }
    : { fields: placed };
}

/** Turns an error thrown by a save into what the form shows. */
export function saveErrorToFormErrors(
  error: unknown,
  fields: readonly string[],
  fieldLabel?: (field: string) => string,
): FormErrors {
  const status = statusOf(error);
  const message = messageOf(error);
  if (status === 409) {
    // The API answers 409 for a taken name too; only a stale version needs a reload.
    if (/already exists/i.test(message) && fields.includes('name')) {
      return { fields: { name: message } };
    }
    return { fields: {}, message: CONFLICT_MESSAGE, conflict: true };
  }
  if (status === 400) {
    const issues = parseIssues(message);
    if (issues.length) {
      return issuesToFormErrors(issues, fields, fieldLabel);
    }
  }
  return { fields: {}, message };
}

function owningField(path: string, fields: readonly string[]) {
  return fields
    .filter(f => path === f || path.startsWith(`${f}.`))
    .sort((a, b) => b.length - a.length)[0];
}

/** The HTTP status of an error thrown by the EmailsClient, when it has one. */
export function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; response?: { status?: unknown } };
  if (typeof e?.statusCode === 'number') return e.statusCode;
  return typeof e?.response?.status === 'number'
    ? e.response.status
    : undefined;
}

/** The backend's own message of a ResponseError, else the error's message. */
export function messageOf(error: unknown): string {
  const e = error as { body?: { error?: { message?: unknown } } } & Error;
  const fromBody = e?.body?.error?.message;
  if (typeof fromBody === 'string' && fromBody) return fromBody;
  return e?.message ? String(e.message) : String(error);
}

// `filter.emails.1` under `filter.emails` names the second entry.
function entryOf(path: string, field: string) {
  const index = Number(path.slice(field.length + 1));
  return path !== field && Number.isInteger(index)
    ? ` (entry ${index + 1})`
    : '';
}
