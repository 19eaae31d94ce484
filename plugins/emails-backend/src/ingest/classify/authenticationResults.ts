import { splitOutsideQuotes, unquote } from './headers';

/** One `method=result` of an Authentication-Results header (RFC 8601 resinfo). */
export interface MethodResult {
  method: string;
  result: string;
  reason?: string;
  /** `ptype.property` to value: `smtp.mailfrom`, `header.from`, `header.d`. */
  properties: Record<string, string>;
}

/** One Authentication-Results or ARC-Authentication-Results header, parsed. */
export interface ParsedAuthenticationResults {
  /** Missing when the header has none (Exchange Online writes it so). */
  authservId?: string;
  /** The ARC instance (`i=`), for ARC-Authentication-Results. */
  instance?: number;
  results: MethodResult[];
}

/**
 * Parses the value of an (ARC-)Authentication-Results header (RFC 8601,
 * RFC 8617): `[i=N;] authserv-id [version]; method=result reason=…
 * ptype.property=value; …` or `authserv-id; none`. Comments in parentheses
 * (nested, escaped) are dropped; quoted strings keep their semicolons.
 */
export function parseAuthenticationResults(
  value: string,
  options: { arc?: boolean } = {},
): ParsedAuthenticationResults {
  const segments = splitOutsideQuotes(stripComments(value), ';')
    .map(s => s.trim())
    .filter(s => s.length > 0);
  let instance: number | undefined;
  if (options.arc && /^i\s*=\s*\d+$/i.test(segments[0] ?? '')) {
    instance = Number(segments.shift()!.split('=')[1]);
  }
  let authservId: string | undefined;
  // The authserv-id is a bare value; a first segment with `=` is already a result.
  if (segments.length && !/^[^"\s]+\s*=/.test(segments[0])) {
    authservId = unquote(segments.shift()!.split(/\s+/)[0]).toLowerCase();
  }
  const results = segments
    .map(parseResinfo)
    .filter((r): r is MethodResult => !!r);
  return { authservId, instance, results };
}

function parseResinfo(segment: string): MethodResult | undefined {
  const head = /^([a-z0-9_-]+)(?:\s*\/\s*\d+)?\s*=\s*([a-z0-9_-]+)/i.exec(
    segment,
  );
  if (!head) return undefined; // `none`: the server checked nothing.
  const properties: Record<string, string> = {};
  let reason: string | undefined;
  const rest = segment.slice(head[0].length);
  const pair = /([a-z0-9_.-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s"]+)/gi;
  for (let m = pair.exec(rest); m; m = pair.exec(rest)) {
    const name = m[1].toLowerCase();
    if (name === 'reason') reason = unquote(m[2]);
    else properties[name] = unquote(m[2]);
  }
  return {
    method: head[1].toLowerCase(),
    result: head[2].toLowerCase(),
    reason,
    properties,
  };
}

/** Replaces comments (nested, with backslash escapes) by a space, outside quoted strings. */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && (quoted || depth > 0)) {
      if (!depth) out += c + (value[i + 1] ?? '');
      i++;
    } else if (depth === 0 && c === '"') {
      quoted = !quoted;
      out += c;
    } else if (!quoted && c === '(') {
      depth++;
    } else if (depth > 0 && c === ')') {
      depth--;
      if (!depth) out += ' ';
    } else if (!depth) {
      out += c;
    }
  }
  return out;
}
