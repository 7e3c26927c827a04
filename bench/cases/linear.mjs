// Linear time, next to the lints: each pathological input (test/unit/fuzz/pathologicalInputs.ts,
// the patterns a regex backtracks on) at N and at 4N characters, in the same process, taking
// turns round by round. Linear code grows about 4×, a regex that backtracks quadratically about
// 16×, whatever the machine: the goal is on the growth, not on a time. The unit suite only
// checks that the same inputs run without throwing.
import { median, summarize, timeOnce } from '../lib/stats.mjs';

const MAX_GROWTH = 8;
/** Each sample repeats the N input until it takes this long, so a sample is well above timer noise. */
const MIN_SAMPLE_MS = 30;
const GROUPS = {
  parse: 'parseHttpFile',
  values: 'entity tags, HTTP dates, .env values',
  lint: 'lintHttpFile and resolveRequest',
};

export async function linearCases({ core, quick, log }) {
  const { PATHOLOGICAL_INPUTS, BASE_SIZE, GROWTH } = core;
  const measured = [];
  for (const input of PATHOLOGICAL_INPUTS) measured.push({ input, ...await growthOf(input, BASE_SIZE, GROWTH, quick) });

  return Object.entries(GROUPS).map(([group, what]) => {
    const inGroup = measured.filter((m) => m.input.group === group);
    const worst = inGroup.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    if (worst.ratio > MAX_GROWTH) log(`linear.${group}: '${worst.input.title}' grew ${worst.ratio.toFixed(1)}× at ${worst.size} characters`);
    return {
      id: `linear.${group}`,
      case: 'Linear time',
      what: `${what}, ${inGroup.length} pathological inputs: time(4N) / time(N), the worst ('${worst.input.title}')`,
      unit: 'ms',
      ours: worst.large,
      baseline: { name: `same input at ${worst.size.toLocaleString('en')} characters`, ...worst.small },
      ratio: worst.ratio,
      perInput: Object.fromEntries(inGroup.map((m) => [m.input.title, { size: m.size, ratio: Number(m.ratio.toFixed(2)), attempts: m.attempts }])),
      goal: { text: `4N/N ≤ ${MAX_GROWTH}× (linear: 4×, quadratic: 16×)`, on: 'ratio', max: MAX_GROWTH },
    };
  });
}

/**
 * The growth of one input from `size` to `growth`·`size`, tried first at size/8 so that a
 * super-linear input fails in seconds instead of running for minutes at 4N. A miss is
 * measured again, up to three series in all, keeping the lowest: super-linear code misses
 * every time, a burst of load from other processes rarely lasts through three.
 */
async function growthOf(input, size, growth, quick) {
  let best;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const probe = await series(input, size / 8, growth, { warmup: 0, runs: 3 });
    const result = probe.ratio > MAX_GROWTH ? probe : await series(input, size, growth, quick ? { warmup: 1, runs: 3 } : { warmup: 1, runs: 5 });
    if (!best || result.ratio < best.ratio) best = { ...result, attempts: attempt };
    if (best.ratio <= MAX_GROWTH) break;
  }
  return best;
}

/**
 * One series at `size`: N and 4N take turns (the order alternating), and the growth is the
 * median of each round's time(4N) / time(N). Pairing by round cancels what a busy moment of
 * the machine adds to both; a ratio of medians would not.
 */
async function series(input, size, growth, { warmup, runs }) {
  const smallInput = input.make(size);
  const largeInput = input.make(size * growth);
  // Warm up the JIT, and flatten both inputs from the ropes that `+` and repeat() build, outside the timing.
  await input.run(smallInput);
  await input.run(largeInput);
  const once = await timeOnce(() => input.run(smallInput));
  const repetitions = Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(once, 0.01)));
  const repeat = (text) => async () => {
    for (let i = 0; i < repetitions; i++) await input.run(text);
  };
  const small = [];
  const large = [];
  const ratios = [];
  for (let round = 0; round < warmup + runs; round++) {
    let smallMs;
    let largeMs;
    if (round % 2) {
      largeMs = await timeOnce(repeat(largeInput));
      smallMs = await timeOnce(repeat(smallInput));
    } else {
      smallMs = await timeOnce(repeat(smallInput));
      largeMs = await timeOnce(repeat(largeInput));
    }
    if (round < warmup) continue;
    small.push(smallMs);
    large.push(largeMs);
    ratios.push(largeMs / smallMs);
  }
  return { size, small: summarize(small), large: summarize(large), ratio: median(ratios) };
}
