/**
 * Answers of rarely changing lookups (the incoming server, catalog users)
 * kept for a short time and a bounded number of keys, so a burst of mail
 * asks once. A change is seen within `ttlMs`; a failed lookup is not kept.
 */
export class BriefCache<K, V> {
  private readonly entries = new Map<K, { value: Promise<V>; at: number }>();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      now?: () => number;
    },
  ) {}

  /** The kept answer for `key`, else `lookup`'s (shared by callers asking at once). */
  get(key: K, lookup: () => Promise<V>): Promise<V> {
    const now = (this.options.now ?? Date.now)();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.options.ttlMs) return hit.value;
    this.entries.delete(key);
    const value = lookup();
    this.entries.set(key, { value, at: now });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    // Maps iterate in insertion order: the first key is the oldest.
    while (this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
    return value;
  }

  /** Forgets everything, e.g. when a server was changed here. */
  clear(): void {
    this.entries.clear();
  }
}

/** Wraps a lookup of one argument in a {@link BriefCache}. */
export function cachedLookup<A, V>(
  lookup: (arg: A) => Promise<V>,
  options: { ttlMs: number; maxEntries: number },
): (arg: A) => Promise<V> {
  const cache = new BriefCache<A, V>(options);
  return arg => cache.get(arg, () => lookup(arg));
}
