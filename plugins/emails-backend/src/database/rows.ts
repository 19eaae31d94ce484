/** Converts a database timestamp (Date on PostgreSQL, string on SQLite) to ISO 8601. */
export function toIso(value: Date | string): string {
  return value instanceof Date
    ? value.toISOString()
    : new Date(value).toISOString();
}

/** SQLite returns booleans as 0/1; PostgreSQL as booleans. */
export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

/** Unique-constraint violations differ per engine; both mean "already taken". */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}
