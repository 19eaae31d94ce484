import { humanizeKey } from '../common/labels';

/** A changed field in words: `oauth.clientId` is "OAuth › Client ID"; a rule's own name stays as it is. */
export function fieldLabel(field: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(field)) return field;
  return field.split('.').map(humanizeKey).join(' › ');
}

/**
 * A value of the audit trail as one short line: "—" for nothing, yes / no,
 * lists joined, structures as "Key: value" pairs rather than JSON.
 */
export function formatAuditValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    return value.length ? value.map(formatNested).join(', ') : '—';
  }
  if (typeof value === 'object') {
    const pairs = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined,
    );
    if (!pairs.length) return '—';
    return pairs
      .map(([key, v]) => `${humanizeKey(key)}: ${formatNested(v)}`)
      .join(', ');
  }
  return String(value);
}

// A structure inside a structure is bracketed, so its pairs read as one value.
function formatNested(value: unknown): string {
  const text = formatAuditValue(value);
  return value !== null && typeof value === 'object' ? `(${text})` : text;
}

/** One changed field as "Field: before → after". */
export function formatChange(change: {
  field: string;
  before?: unknown;
  after?: unknown;
}): string {
  return `${fieldLabel(change.field)}: ${formatAuditValue(
    change.before,
  )} → ${formatAuditValue(change.after)}`;
}
