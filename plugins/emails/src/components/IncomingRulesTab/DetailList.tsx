import { humanizeKey } from './simulationLabels';

const isPlain = (v: unknown) =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** A primitive value as text: yes / no for booleans, a dash for none. */
function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** One value of a detail: text, a comma list, or nested labelled entries. */
function DetailValue(props: { value: unknown }) {
  const { value } = props;
  if (isPlain(value) || value === undefined) return <>{text(value)}</>;
  if (Array.isArray(value)) {
    if (value.every(isPlain)) return <>{value.map(text).join(', ') || '—'}</>;
    return (
      <ol style={{ margin: 0, paddingLeft: 16 }}>
        {value.map((item, i) => (
          <li key={i}>
            <DetailValue value={item} />
          </li>
        ))}
      </ol>
    );
  }
  return <DetailList detail={value as Record<string, unknown>} />;
}

/**
 * The detail of a trace step as labelled entries, keys in words and nested
 * objects nested, so an admin reads it without knowing the JSON behind it.
 */
export function DetailList(props: { detail: Record<string, unknown> }) {
  const entries = Object.entries(props.detail).filter(
    ([, v]) => v !== undefined,
  );
  if (!entries.length) return null;
  return (
    <dl style={{ margin: 0 }}>
      {entries.map(([key, value]) => (
        <div key={key} style={{ display: 'flex', gap: 8 }}>
          <dt style={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
            {humanizeKey(key)}:{' '}
          </dt>
          <dd style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
            <DetailValue value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
