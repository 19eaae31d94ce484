import { appendFileSync } from 'node:fs';

/** One benchmark figure, with the baseline measured beside it in the same run. */
export interface Figure {
  figure: string;
  value: number;
  unit: string;
  /** The same work done by the bare libraries, in `unit`. */
  baseline?: number;
  /** What the target is compared with: value/baseline, or the value itself. */
  targetOf?: 'ratio' | 'value';
  /** Higher ratio/value is better (throughput) or lower (latency, memory). */
  better?: 'higher' | 'lower';
  target?: number;
  note?: string;
  [extra: string]: unknown;
}

/** A figure as printed: ratio and verdict filled in. */
export type PrintedFigure = Figure & { ratio?: number; meets?: boolean };

function round(n: number): number {
  if (!Number.isFinite(n)) return n;
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000;
}

/** Fills in ratio and `meets` from the target. */
export function judge(figure: Figure): PrintedFigure {
  const value = round(figure.value);
  const baseline =
    figure.baseline === undefined ? undefined : round(figure.baseline);
  const ratio =
    baseline !== undefined && baseline !== 0
      ? round(figure.value / figure.baseline!)
      : undefined;
  let meets: boolean | undefined;
  if (figure.target !== undefined) {
    const compared = figure.targetOf === 'ratio' ? ratio : value;
    meets =
      compared !== undefined &&
      Number.isFinite(compared) &&
      (figure.better === 'lower'
        ? compared <= figure.target
        : compared >= figure.target);
  }
  return { ...figure, value, baseline, ratio, meets };
}

/**
 * Prints a figure as one JSON line and keeps it for the closing table (the
 * file named by BENCH_FIGURES, a temporary file set by the global setup).
 */
export function report(figure: Figure): PrintedFigure {
  const printed = judge(figure);
  const line = JSON.stringify(printed);
  process.stdout.write(`${line}\n`);
  const file = process.env.BENCH_FIGURES;
  if (file) appendFileSync(file, `${line}\n`);
  return printed;
}

/** Prints a note that is not a figure (a skipped part, say why). */
export function note(text: string): void {
  report({ figure: 'note', value: NaN, unit: '', note: text });
}
