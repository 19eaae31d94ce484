/** Splits a comma or newline separated list into its trimmed, non-empty entries. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map(entry => entry.trim())
    .filter(Boolean);
}

/** Shows a list as one entry per line, for editing. */
export function joinList(entries: readonly string[] | undefined): string {
  return (entries ?? []).join('\n');
}
