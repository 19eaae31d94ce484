import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatTable } from './table';

/** Jest global teardown of `npm run bench`: prints the table of all figures, removes the file. */
export default async function globalTeardown() {
  const file = process.env.BENCH_FIGURES;
  if (!file) return;
  const figures = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(l => JSON.parse(l))
    : [];
  process.stdout.write(
    `\nemails bench (BENCH_SCALE=${
      process.env.BENCH_SCALE ?? '1'
    })\n${formatTable(figures)}\n`,
  );
  rmSync(dirname(file), { recursive: true, force: true });
}
