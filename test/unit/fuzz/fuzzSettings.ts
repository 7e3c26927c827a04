import type { Parameters } from 'fast-check';

/**
 * How many generated `.http` inputs the fuzz suite feeds the parser, lint and resolver in
 * total. The default keeps `npm test` well under two minutes on a 2-core machine;
 * `FUZZ_RUNS=1000000 npm test` runs ten times as many of every kind.
 */
export const DEFAULT_TOTAL_INPUTS = 100_000;

const requested = Number(process.env.FUZZ_RUNS);
const scale = Number.isFinite(requested) && requested > 0 ? requested / DEFAULT_TOTAL_INPUTS : 1;

/** `base` scaled by FUZZ_RUNS, at least 1. The bases of all .http properties add up to DEFAULT_TOTAL_INPUTS. */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * scale));
}

/**
 * fast-check parameters for `base` runs. FUZZ_SEED replays the seed a failure printed.
 * `bigInputs` skips shrinking: shrinking a 1 MB string takes longer than reading the
 * failing input fast-check prints anyway.
 */
export function fuzzParameters<T>(base: number, bigInputs = false): Parameters<T> {
  const seed = Number(process.env.FUZZ_SEED);
  return {
    numRuns: runs(base),
    ...(Number.isInteger(seed) ? { seed } : {}),
    ...(bigInputs ? { endOnFailure: true } : {}),
  };
}

/*
 * No time limit per input: a clock in a unit test fails on a busy machine. A regex that
 * backtracks on a 1 MB input runs for minutes and still fails here, by the suite's timeout;
 * `npm run bench` (bench/cases/linear.mjs) measures how time grows with the input.
 */
