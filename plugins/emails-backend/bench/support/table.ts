import { PrintedFigure } from './figures';

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? '' : `${value}`;
  return String(value);
}

function targetText(f: PrintedFigure): string {
  if (f.target === undefined) return '';
  const op = f.better === 'lower' ? '<=' : '>=';
  return `${f.targetOf === 'ratio' ? 'ratio ' : ''}${op} ${f.target}`;
}

function verdict(f: PrintedFigure): string {
  if (f.meets === undefined) return '';
  return f.meets ? 'meets' : 'MISSES';
}

/** The closing table of a bench run: one row per figure, misses marked. */
export function formatTable(figures: PrintedFigure[]): string {
  const header = ['figure', 'value', 'unit', 'baseline', 'ratio', 'target', ''];
  const rows = figures
    .filter(f => f.figure !== 'note')
    .map(f => [
      f.figure,
      cell(f.value),
      f.unit,
      cell(f.baseline),
      cell(f.ratio),
      targetText(f),
      verdict(f),
    ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const notes = figures
    .filter(f => f.figure === 'note')
    .map(f => `note: ${f.note}`);
  return [line(header), ...rows.map(line), ...notes].join('\n');
}
