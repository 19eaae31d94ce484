import {
  loadReplyCorpus,
  ourReplySplitter,
  scoreCorpus,
} from './__testUtils__/replyCorpus';

describe('reply corpus', () => {
  const cases = loadReplyCorpus();
  const score = scoreCorpus(cases, ourReplySplitter);

  it('has real and composed replies in text and HTML', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(cases.filter(c => c.html).length).toBeGreaterThanOrEqual(20);
  });

  it('trims at least 95% of the replies to exactly what the person wrote', () => {
    const failing = score.cases.filter(c => !c.exact).map(c => c.name);
    // Below the target, the failure names every reply trimmed wrong.
    expect(score.ratio >= 0.95 ? [] : failing).toEqual([]);
  });

  it('never loses a line a person wrote', () => {
    const lossy = score.cases
      .filter(c => c.lost.length > 0)
      .map(c => `${c.name}: ${c.lost[0]}`);
    expect(lossy).toEqual([]);
  });

  it('notices a splitter that keeps everything', () => {
    const whole = scoreCorpus(cases, body => ({ fresh: body }));
    expect(whole.ratio).toBeLessThan(0.5);
    expect(whole.lossy).toBe(0);
  });

  it('notices a splitter that drops the history', () => {
    const dropping = scoreCorpus(cases, (body, html) => {
      const split = ourReplySplitter(body, html);
      return { fresh: split.fresh };
    });
    expect(dropping.lossy).toBeGreaterThan(50);
  });
});
