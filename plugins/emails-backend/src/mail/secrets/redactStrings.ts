const MAX_DEPTH = 4;
const MAX_NODES = 500;

// Error texts and what libraries hang on their errors (imapflow's response
// and responseText, nodemailer's response and command, a cause).
const ERROR_TEXTS = ['message', 'stack', 'cause'];

function isWalkable(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return (
    value instanceof Error ||
    Array.isArray(value) ||
    proto === Object.prototype ||
    proto === null
  );
}

/** One pass over an error: what it has seen, and how much. */
class Walk {
  private readonly seen = new WeakSet<object>();
  private nodes = 0;

  constructor(private readonly redact: (text: string) => string) {}

  visit(value: unknown, depth: number): void {
    if (!isWalkable(value) || this.seen.has(value) || depth > MAX_DEPTH) {
      return;
    }
    if (++this.nodes > MAX_NODES) return;
    this.seen.add(value);
    const keys = new Set(Object.keys(value));
    if (value instanceof Error) {
      ERROR_TEXTS.forEach(k => keys.add(k));
    }
    for (const key of keys) {
      try {
        this.rewrite(value, key, depth);
      } catch {
        // A frozen field or a throwing getter: leave it, redact the rest.
      }
    }
  }

  private rewrite(value: Record<string, unknown>, key: string, depth: number) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor) return;
    // V8's stack is an accessor pair; other fields are plain values.
    const settable = descriptor.writable || !!descriptor.set;
    const field = 'value' in descriptor ? descriptor.value : value[key];
    if (typeof field !== 'string') {
      this.visit(field, depth + 1);
    } else if (settable) {
      value[key] = this.redact(field);
    } else if (descriptor.configurable) {
      Object.defineProperty(value, key, { value: this.redact(field) });
    }
  }
}

/**
 * Rewrites, in place, every string an error holds: its message and stack
 * (own properties that are not enumerable), its cause and enumerable fields,
 * and the errors, arrays and plain objects below them, to a bounded depth.
 */
export function redactStrings(
  root: unknown,
  redact: (text: string) => string,
): void {
  new Walk(redact).visit(root, 0);
}
