/** A value of the audit trail as one short line: "—" for nothing, JSON for structures. */
export function formatAuditValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** One changed field as "field: before → after". */
export function formatChange(change: {
  field: string;
  before?: unknown;
  after?: unknown;
}): string {
  return `${change.field}: ${formatAuditValue(
    change.before,
  )} → ${formatAuditValue(change.after)}`;
}
