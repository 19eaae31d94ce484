import { z } from 'zod';

/** One problem with one field of a request, as the API and the forms show it. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `port` or `oauth.tokenUrl`. */
  field: string;
  /** Starts lower-case; reads after the field name. */
  message: string;
}

/** The outcome of validating a request body. */
export type Validated<T> =
  | { ok: true; value: T }
  | { ok: false; issues: FieldIssue[] };

// A header built from a field must never gain a line: refuse CR, LF and NUL
// in every text field, not only in the ones that reach headers today.
const NO_CONTROL = /^[^\r\n\0]*$/;

/** Free text of one line, trimmed. */
export const line = (max: number) =>
  z
    .string({ invalid_type_error: 'must be text' })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .regex(NO_CONTROL, 'must not contain line breaks');

/** A required line of text. */
export const requiredLine = (max: number) => line(max).min(1, 'is required');

// Deliberately stricter than RFC 5322: no quoted local parts, no comments, no
// IP literals. Addresses a helpdesk receives from real people all fit.
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** True for a plain address such as `support@example.com`. */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** An email address, checked strictly. */
export const emailAddress = z
  .string({ invalid_type_error: 'must be text' })
  .trim()
  .refine(
    isEmailAddress,
    'must be a valid email address like name@example.com',
  );

const DOMAIN =
  /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** A domain name without `@`, such as `example.com`. */
export const domainName = z
  .string({ invalid_type_error: 'must be text' })
  .trim()
  .refine(
    v => DOMAIN.test(v),
    'must be a domain name like example.com, without @',
  );

const HOST =
  /^(([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:]+:[0-9A-Fa-f:.]*)$/;

/** A host name or IP address, without scheme or port. */
export const hostName = z
  .string({ invalid_type_error: 'must be text' })
  .trim()
  .min(1, 'is required')
  .max(253, 'must be at most 253 characters')
  .refine(
    v => HOST.test(v),
    'must be a host name or IP address such as imap.example.com, without scheme or port',
  );

/** A TCP port. */
export const port = z
  .number({ invalid_type_error: 'must be a number' })
  .int('must be a whole number from 1 to 65535')
  .min(1, 'must be a whole number from 1 to 65535')
  .max(65535, 'must be a whole number from 1 to 65535');

/** An http(s) URL. */
export const httpUrl = z
  .string({ invalid_type_error: 'must be text' })
  .trim()
  .refine(v => {
    try {
      const url = new URL(v);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http or https URL');

/** A whole number within bounds. */
export const wholeNumber = (min: number, max: number) =>
  z
    .number({ invalid_type_error: 'must be a number' })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`);

/** A catalog entity ref of a Group, such as `group:default/it-support` or `it-support`. */
export const groupRef = z
  .string({ invalid_type_error: 'must be text' })
  .trim()
  .regex(
    /^(group:)?([a-z0-9][a-z0-9._-]*\/)?[A-Za-z0-9][A-Za-z0-9._-]*$/i,
    'must be a group reference such as group:default/it-support',
  )
  .transform(v => {
    const name = v.replace(/^group:/i, '');
    return `group:${
      name.includes('/') ? name : `default/${name}`
    }`.toLocaleLowerCase('en-US');
  });

/** Turns zod's issues into field issues with readable paths. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map(issue => ({
    field: issue.path.join('.') || 'body',
    message: issueMessage(issue),
  }));
}

function issueMessage(issue: z.ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.received === 'undefined') {
    return 'is required';
  }
  if (issue.code === 'unrecognized_keys') {
    return `has unknown fields: ${issue.keys.join(', ')}`;
  }
  return issue.message;
}

/** Validates a body against a shape: its value with defaults, or its field issues. */
export function validateWith<S extends z.ZodTypeAny>(
  shape: S,
  body: unknown,
): Validated<z.output<S>> {
  const parsed = shape.safeParse(body ?? {});
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, issues: toFieldIssues(parsed.error) };
}

/** One sentence naming every field issue, for an API error message. */
export function describeIssues(what: string, issues: FieldIssue[]): string {
  return `Invalid ${what}: ${issues
    .map(i => `${i.field} ${i.message}`)
    .join('; ')}`;
}

/** Reads the field issues back out of an API error message, for forms. */
export function parseIssues(message: string): FieldIssue[] {
  const body = message.replace(/^Invalid [^:]+: /, '');
  return body
    .split('; ')
    .map(part => part.match(/^([A-Za-z0-9_.]+) (.+)$/))
    .filter((m): m is RegExpMatchArray => !!m)
    .map(m => ({ field: m[1], message: m[2] }));
}
