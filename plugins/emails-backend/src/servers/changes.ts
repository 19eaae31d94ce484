/** One changed field for the audit trail. */
export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

// Bookkeeping, or derived from secrets (reported by name instead).
const IGNORED = new Set([
  'version',
  'updatedAt',
  'createdAt',
  'health',
  'id',
  'passwordSet',
  'clientSecretSet',
  // The sign-in has audit entries of its own; the Redirect URL is the backend's.
  'oauthConsent',
  'oauth.redirectUrl',
]);

function flatten(
  value: unknown,
  prefix = '',
  out: Record<string, unknown> = {},
) {
  if (IGNORED.has(prefix)) return out;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      flatten(v, prefix ? `${prefix}.${k}` : k, out);
    }
  } else if (prefix) {
    out[prefix] = value;
  }
  return out;
}

/**
 * The fields that differ between two API views of a setting. Views never
 * hold secrets; a changed secret is reported by name with "(changed)".
 */
export function diffViews(
  before: object | undefined,
  after: object | undefined,
  changedSecrets: string[] = [],
): FieldChange[] {
  const a = flatten(before ?? {});
  const b = flatten(after ?? {});
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const changes: FieldChange[] = fields
    .filter(f => JSON.stringify(a[f]) !== JSON.stringify(b[f]))
    .map(f => ({ field: f, before: a[f], after: b[f] }));
  for (const secret of changedSecrets) {
    changes.push({ field: secret, after: '(changed)' });
  }
  return changes;
}
