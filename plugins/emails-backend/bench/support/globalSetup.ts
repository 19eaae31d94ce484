import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Jest global setup of `npm run bench`: a temporary file collects the figures for the table. */
export default async function globalSetup() {
  const dir = mkdtempSync(join(tmpdir(), 'emails-bench-'));
  process.env.BENCH_FIGURES = join(dir, 'figures.jsonl');
}
