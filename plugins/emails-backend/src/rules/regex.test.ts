import { IncomingEmailRule } from '@internal/plugin-emails-common';
import { explainCondition } from './evaluate';
import { evaluateIncomingRules } from './incoming';
import { DEFAULT_REGEX_LIMITS, RegexRunner } from './regex';

// Exponential backtracking in V8: each extra 'a' doubles the work, so
// without a limit this input would run for longer than the universe exists.
const CATASTROPHIC = '(a+)+$';
const HOSTILE = `${'a'.repeat(5_000)}!`;

const elapsed = (work: () => void) => {
  const started = performance.now();
  work();
  return performance.now() - started;
};

describe('regular expressions under a time limit', () => {
  it('gives up on a catastrophic pattern within the limit and calls it not matched', () => {
    const runner = new RegexRunner();
    let outcome = runner.test('x', '');
    const ms = elapsed(() => {
      outcome = runner.test(CATASTROPHIC, HOSTILE);
    });
    expect(outcome).toEqual({
      matched: false,
      problem: `the regular expression ran past its ${DEFAULT_REGEX_LIMITS.timeoutMs} ms limit`,
    });
    expect(ms).toBeGreaterThanOrEqual(DEFAULT_REGEX_LIMITS.timeoutMs - 5);
    expect(ms).toBeLessThan(DEFAULT_REGEX_LIMITS.timeoutMs + 500);
    // The same pattern on a harmless input still works.
    expect(runner.test(CATASTROPHIC, 'aaaa').matched).toBe(true);
  });

  it('explains a timed-out condition as not matched', () => {
    const result = explainCondition(
      { field: 'body', operator: 'matchesRegex', values: [CATASTROPHIC] },
      { body: [HOSTILE] },
    );
    expect(result.holds).toBe(false);
    expect(result.explanation).toBe(
      `body matchesRegex '${CATASTROPHIC}': not matched (the regular expression ran past its 50 ms limit)`,
    );
  });

  it('bounds all regular expressions of one message by a budget', () => {
    const limits = { timeoutMs: 40, budgetMs: 100, inputLimit: 10_000 };
    const rules: IncomingEmailRule[] = Array.from({ length: 10 }, (_, i) => ({
      id: `r${i}`,
      name: `hostile ${i}`,
      enabled: true,
      match: 'all',
      conditions: [
        { field: 'subject', operator: 'matchesRegex', values: [CATASTROPHIC] },
      ],
      actions: [{ type: 'category', value: `c${i}` }],
      stopProcessing: false,
    }));
    let outcome: ReturnType<typeof evaluateIncomingRules> | undefined;
    const ms = elapsed(() => {
      outcome = evaluateIncomingRules(
        rules,
        { subject: [HOSTILE] },
        { regexLimits: limits },
      );
    });
    // 10 x 40 ms without the budget; with it, about 100 ms.
    expect(ms).toBeLessThan(300);
    expect(outcome!.matched).toEqual([]);
    const problems = outcome!.rules.map(r => r.conditions[0].explanation);
    expect(problems[0]).toContain('ran past its 40 ms limit');
    expect(problems[9]).toContain('the time budget of the rules is spent');
  });

  it('looks only at the start of a long field', () => {
    const runner = new RegexRunner({
      ...DEFAULT_REGEX_LIMITS,
      inputLimit: 1_000,
    });
    const text = `${'x'.repeat(1_000)}needle`;
    expect(runner.test('needle', text).matched).toBe(false);
    expect(runner.test('x{1000}', text).matched).toBe(true);
  });

  it('treats a pattern that cannot compile as not matched', () => {
    expect(new RegexRunner().test('(a', 'a')).toEqual({
      matched: false,
      problem: expect.stringMatching(/^the regular expression cannot run \(/),
    });
  });
});
