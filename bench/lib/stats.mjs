// Sampling and summaries. Every comparison runs its contenders interleaved in one
// process (A B A B …) after warm-up rounds that are thrown away, so a noisy moment
// on the machine lands on both sides instead of deciding the ratio.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
/** A full collection before each sample, so one contender doesn't pay for the other's garbage. */
export const collectGarbage = vm.runInNewContext('gc');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** median, min, max and the spread (max - min) / median, of one list of samples. */
export function summarize(samples) {
  const m = median(samples);
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  return { median: m, min, max, spread: m > 0 ? (max - min) / m : 0, samples: samples.length };
}

/** Milliseconds one call of `fn` takes (awaited when it returns a promise). */
export async function timeOnce(fn) {
  collectGarbage();
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/**
 * Like `compare`, for work that splits into many small steps (requests): each run of
 * `steps` steps is cut into `batches`, and the contenders take turns batch by batch, so
 * both live through the same moments of a busy machine. A sample is still the time one
 * contender spent on all `steps`.
 * @param {Record<string, (from: number, to: number) => Promise<void>>} contenders
 */
export async function compareInBatches(contenders, { steps, batches, warmup = 1, runs = 7 }) {
  const names = Object.keys(contenders);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  const size = Math.ceil(steps / batches);
  for (let round = 0; round < warmup + runs; round++) {
    const totals = Object.fromEntries(names.map((name) => [name, 0]));
    for (let batch = 0; batch < batches; batch++) {
      const from = batch * size;
      const to = Math.min(steps, from + size);
      const order = (round + batch) % 2 ? [...names].reverse() : names;
      for (const name of order) {
        const started = performance.now();
        await contenders[name](from, to);
        totals[name] += performance.now() - started;
      }
    }
    if (round >= warmup) for (const name of names) samples[name].push(totals[name]);
    collectGarbage();
  }
  return Object.fromEntries(names.map((name) => [name, summarize(samples[name])]));
}

/**
 * Runs each contender `warmup` times, then `runs` more times, interleaved; returns the
 * summaries of the measured runs by name.
 * @param {Record<string, () => unknown>} contenders
 */
export async function compare(contenders, { warmup = 2, runs = 7 } = {}) {
  const names = Object.keys(contenders);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < warmup + runs; round++) {
    // Alternate who goes first, so neither always runs on a freshly collected heap after the other.
    const order = round % 2 ? [...names].reverse() : names;
    for (const name of order) {
      const ms = await timeOnce(contenders[name]);
      if (round >= warmup) samples[name].push(ms);
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(samples[name])]));
}
