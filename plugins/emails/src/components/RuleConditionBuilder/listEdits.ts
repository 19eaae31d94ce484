/** The list with the item at `index` moved by `delta` places; unchanged at either end. */
export function moveItem<T>(items: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (to < 0 || to >= items.length) return items;
  const moved = [...items];
  const [item] = moved.splice(index, 1);
  moved.splice(to, 0, item);
  return moved;
}

/** The list with the item at `index` replaced. */
export function replaceAt<T>(items: T[], index: number, item: T): T[] {
  return items.map((existing, i) => (i === index ? item : existing));
}

/** The list without the item at `index`. */
export function removeAt<T>(items: T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}
