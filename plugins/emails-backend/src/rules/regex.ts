import vm from 'node:vm';

/** The limits a rule's regular expression runs under (docs/api.md, incoming email rules). */
export interface RegexLimits {
  /** Longest one match may run; past it the condition does not match. */
  timeoutMs: number;
  /** Longest all regular expressions of one evaluation may run together. */
  budgetMs: number;
  /** Characters of a field a regular expression sees; the rest is not looked at. */
  inputLimit: number;
}

/** The limits used when the caller names none. */
export const DEFAULT_REGEX_LIMITS: RegexLimits = {
  timeoutMs: 50,
  budgetMs: 250,
  inputLimit: 100_000,
};

/** Whether a regular expression matched, and why it could not tell when it could not. */
export interface RegexOutcome {
  matched: boolean;
  /** Set when the match was not run to its end: time limit, budget, bad pattern. */
  problem?: string;
}

// One context for every match: creating a context costs far more than a run.
// Only strings cross into it, and the script holds no state between runs.
let sandbox: vm.Context | undefined;
const script = new vm.Script('new RegExp(pattern, "i").test(input)');

function context(): vm.Context {
  sandbox ??= vm.createContext(Object.create(null));
  return sandbox;
}

/**
 * Runs the regular expressions of one evaluation. Each runs in a `node:vm`
 * context with a timeout, because V8's backtracking engine can take
 * exponential time on a hostile pattern or message and would stall the
 * mailbox; re2 would avoid that but needs a native build. A timeout counts
 * as "not matched", and once the budget is spent no further one runs.
 */
export class RegexRunner {
  private spentMs = 0;

  constructor(readonly limits: RegexLimits = DEFAULT_REGEX_LIMITS) {}

  /** Tests `pattern` (ignoring case) against the start of `input`. */
  test(pattern: string, input: string): RegexOutcome {
    const { timeoutMs, budgetMs, inputLimit } = this.limits;
    const left = budgetMs - this.spentMs;
    if (left <= 0) {
      return {
        matched: false,
        problem: 'the time budget of the rules is spent',
      };
    }
    const timeout = Math.max(1, Math.min(timeoutMs, Math.ceil(left)));
    const ctx = context();
    ctx.pattern = pattern;
    ctx.input = input.length > inputLimit ? input.slice(0, inputLimit) : input;
    const started = performance.now();
    try {
      return { matched: script.runInContext(ctx, { timeout }) === true };
    } catch (error) {
      const code = (error as { code?: string }).code;
      return {
        matched: false,
        problem:
          code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
            ? `the regular expression ran past its ${timeout} ms limit`
            : `the regular expression cannot run (${(error as Error).message})`,
      };
    } finally {
      this.spentMs += performance.now() - started;
      ctx.input = undefined;
    }
  }
}
