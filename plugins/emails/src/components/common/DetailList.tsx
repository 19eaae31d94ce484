import { CSSProperties } from 'react';
import { humanizeKey } from './labels';

/**
 * Wrapping for addresses, ids and trace values: lines break between words,
 * and inside a token only when it is longer than the line. (`anywhere` would
 * also let a table column shrink to one character, breaking every word.)
 */
export const WRAP_LONG_TOKENS: CSSProperties = {
  overflowWrap: 'break-word',
  wordBreak: 'normal',
};

/** How a detail shows a value its key names, e.g. a server id as the server's name. */
export type DetailValueNamer = (
  key: string,
  value: string,
) => string | undefined;

const isPlain = (v: unknown) =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** A primitive value as text: yes / no for booleans, a dash for none. */
function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** One value of a detail: text, a comma list, or nested labelled entries. */
function DetailValue(props: {
  name: string;
  value: unknown;
  nameValue?: DetailValueNamer;
}) {
  const { name, value, nameValue } = props;
  if (typeof value === 'string' && nameValue) {
    return <>{nameValue(name, value) ?? value}</>;
  }
  if (isPlain(value) || value === undefined) return <>{text(value)}</>;
  if (Array.isArray(value)) {
    if (value.every(isPlain)) return <>{value.map(text).join(', ') || '—'}</>;
    return (
      <ol style={{ margin: 0, paddingLeft: 16 }}>
        {value.map((item, i) => (
          <li key={i}>
            <DetailValue name={name} value={item} nameValue={nameValue} />
          </li>
        ))}
      </ol>
    );
  }
  return (
    <DetailList
      detail={value as Record<string, unknown>}
      nameValue={nameValue}
    />
  );
}

/**
 * The detail of a trace step (or any record) as labelled entries, keys in
 * words and nested objects nested, so an admin reads it without knowing the
 * JSON behind it.
 */
export function DetailList(props: {
  detail: Record<string, unknown>;
  /** Names values by their key, e.g. server ids; the value itself otherwise. */
  nameValue?: DetailValueNamer;
}) {
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
          <dd style={{ margin: 0, minWidth: 0, ...WRAP_LONG_TOKENS }}>
            <DetailValue name={key} value={value} nameValue={props.nameValue} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
