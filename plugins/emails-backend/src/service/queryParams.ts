import { InputError } from '@backstage/errors';

/** A query parameter given at most once; a 400 naming it otherwise. */
export function optionalString(
  value: unknown,
  name: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new InputError(`Invalid query: ${name} must be given once`);
  return value;
}

/** A whole-number query parameter within a range; a 400 naming it otherwise. */
export function optionalWholeNumber(
  value: unknown,
  name: string,
  range: { min: number; max: number },
): number | undefined {
  const text = optionalString(value, name);
  if (text === undefined) return undefined;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= range.min && n <= range.max)) {
    throw new InputError(
      `Invalid query: ${name} must be a whole number from ${range.min} to ${range.max}`,
    );
  }
  return n;
}
