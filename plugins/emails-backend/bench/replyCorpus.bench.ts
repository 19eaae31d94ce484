import {
  loadReplyCorpus,
  ourReplySplitter,
  scoreCorpus,
} from '../src/ingest/history/__testUtils__/replyCorpus';
import { report } from './support/figures';

// Figures, not assertions: run with `npm run bench` (see docs/testing.md).
// The library comparison of docs/pipeline.md was made with the same scorer
// outside the repository; only our own split is scored here.

describe('reply corpus score', () => {
  it('counts replies trimmed to exactly what the person wrote', () => {
    const cases = loadReplyCorpus();
    expect(cases.length).toBeGreaterThan(0);
    const line = (figure: string, subset: typeof cases) => {
      const score = scoreCorpus(subset, ourReplySplitter);
      return report({
        figure,
        value: score.exact,
        unit: `of ${score.total}`,
        share: Number(score.ratio.toFixed(3)),
        lossy: score.lossy,
      });
    };
    const started = process.hrtime.bigint();
    line('replies trimmed exactly', cases);
    line(
      'text replies trimmed exactly',
      cases.filter(c => !c.html),
    );
    line(
      'HTML replies trimmed exactly',
      cases.filter(c => c.html),
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const failing = scoreCorpus(cases, ourReplySplitter)
      .cases.filter(c => !c.exact)
      .map(c => c.name);
    process.stdout.write(
      [
        `  not exact: ${failing.join(', ') || 'none'}`,
        `  ${cases.length} replies scored three times in ${ms.toFixed(0)} ms`,
        '',
      ].join('\n'),
    );
  });
});
