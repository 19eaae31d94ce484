/** A request body sent as it is, e.g. a message as `message/rfc822`, instead of as JSON. */
export class RawBody {
  constructor(readonly data: Blob | string, readonly type: string) {}
}

/** The query string of the parameters that are set, with its `?`; empty when none is. */
export function query(params: Record<string, string | undefined>): string {
  const set = Object.entries(params).filter(
    ([, v]) => v !== undefined && v !== '',
  );
  return set.length ? `?${new URLSearchParams(set as [string, string][])}` : '';
}

/** A path segment made of an id. */
export function enc(id: string) {
  return encodeURIComponent(id);
}
