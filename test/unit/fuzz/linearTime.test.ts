import { referenceContext } from '../support/referenceContext';
import { strict as assert } from 'node:assert';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { lintHttpFile } from '../../../src/core/lint/lintHttpFile';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { parseEntityTagList } from '../../../src/core/preconditions/entityTag';
import { explainInvalidHttpDate, parseHttpDate } from '../../../src/core/preconditions/httpDate';
import { rewriteAsHttpDate } from '../../../src/core/preconditions/lenientDate';
import { parseDotenv } from '../../../src/core/variables/dotenv';
import { resolveRequest, type ResolveOptions } from '../../../src/core/variables/resolveRequest';

/**
 * Linear time, measured as growth rather than speed: the time for an input of size 4N
 * divided by the time for size N. Linear code gives about 4 and a regex that backtracks
 * quadratically about 16, whatever the machine, so the limit of 8 holds on a slow or busy
 * machine too. Each size is repeated until it has run for a measurable while, after a full
 * garbage collection, and the fastest of three rounds is kept, which removes most of the
 * noise of GC and of other processes; a failure is measured three times.
 *
 * N is large (150k characters) so that both sizes sit on the same side of V8's allocation
 * thresholds, but a quadratic regex would take minutes at 4N: a first measurement at N/8
 * must pass before N is measured, so super-linear code fails in seconds.
 */
const BASE_SIZE = 150_000;
const PROBE_SIZE = BASE_SIZE / 8;
const GROWTH = 4;
const MAX_RATIO = 8;
const MIN_ROUND_MS = 30;

// A full collection before every round, so that one round does not pay for the garbage of the one before.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** The fastest of three rounds; stops after a round that already took longer than `enoughMs` (a failure need not be timed precisely). */
function fastestRound(run: () => void, repetitions: number, enoughMs = Infinity): number {
  let fastest = Infinity;
  for (let round = 0; round < 3; round++) {
    collectGarbage();
    const started = performance.now();
    for (let i = 0; i < repetitions; i++) run();
    fastest = Math.min(fastest, performance.now() - started);
    if (fastest > enoughMs) break;
  }
  return fastest;
}

interface Growth {
  size: number;
  ratio: number;
  small: number;
  large: number;
}

/** How much slower the input of size GROWTH·size is than the one of `size`. */
function growthRatio(work: (input: string) => unknown, make: (size: number) => string, size: number): Growth {
  const smallInput = make(size);
  const largeInput = make(size * GROWTH);
  const runSmall = () => void work(smallInput);
  const runLarge = () => void work(largeInput);
  // Warm up the JIT, and have both inputs flattened from the ropes that `+` and repeat() build, outside the timing.
  runSmall();
  runLarge();
  const once = fastestRound(runSmall, 1);
  const repetitions = Math.max(1, Math.ceil(MIN_ROUND_MS / Math.max(once, 0.01)));
  const small = fastestRound(runSmall, repetitions);
  const large = fastestRound(runLarge, repetitions, small * MAX_RATIO * 2);
  return { size, ratio: large / small, small, large };
}

/**
 * Passes as soon as one of three attempts grows less than MAX_RATIO: super-linear code fails
 * every attempt, while a burst of load from other processes rarely lasts through three.
 */
function assertLinear(work: (input: string) => unknown, make: (size: number) => string): void {
  let best: Growth | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const probe = growthRatio(work, make, PROBE_SIZE);
    const growth = probe.ratio >= MAX_RATIO ? probe : growthRatio(work, make, BASE_SIZE);
    if (growth.ratio < MAX_RATIO) return;
    if (best === undefined || growth.ratio < best.ratio) best = growth;
  }
  assert.fail(
    `from ${best!.size} to ${best!.size * GROWTH} characters the time grew ${best!.ratio.toFixed(1)}x ` +
      `(${best!.small.toFixed(1)} ms → ${best!.large.toFixed(1)} ms) in the best of three attempts: something is super-linear`,
  );
}

const spaces = (n: number) => ' '.repeat(n);

/** Pathological lines, each aimed at a pattern that backtracks: `(.*?)\s*$`, `\s+HTTP` after a lazy start, unclosed `{{`. */
const PARSER_INPUTS: Array<[string, (n: number) => string]> = [
  ['`{{` repeated in a URL', (n) => `GET http://a/${'{{'.repeat(n)}`],
  ['`{{` in a header value and the body', (n) => `POST http://a/\nX-A: ${'{{'.repeat(n)}\n\n${'{{'.repeat(n)}`],
  ['nested `{{{{` never closed, then closed', (n) => `GET http://a/${'{{{{'.repeat(n / 2)}${'}}'.repeat(n / 4)}`],
  ['a header value with a long run of spaces inside', (n) => `GET http://a/\nX-A: a${spaces(n)}b`],
  ['a header line of 600k characters (at 4N)', (n) => `GET http://a/\nX-A: ${'a '.repeat(n / 2)}`],
  ['a line of 1e6 spaces (at 4N)', (n) => spaces((n * 1_000_000) / (BASE_SIZE * GROWTH))],
  ['spaces, then one character', (n) => `${spaces(n)}x`],
  ['a URL with a long run of spaces inside', (n) => `GET http://a/${spaces(n)}b`],
  ['a URL whose spaces end in almost a version', (n) => `GET http://a/${spaces(n)}HTTP/1.1x`],
  ['a query continuation with spaces inside', (n) => `GET http://a/\n  ?a${spaces(n)}b`],
  ['metadata with spaces inside', (n) => `# @name a${spaces(n)}b\nGET http://a/`],
  ['a file variable with spaces inside', (n) => `@a = a${spaces(n)}b\nGET http://a/`],
  ['a body file reference with spaces inside', (n) => `POST http://a/\n\n< a${spaces(n)}b`],
  ['a `{{` script opener followed by spaces', (n) => `{{${spaces(n)}x\nGET http://a/`],
  ['a response handler line with spaces', (n) => `POST http://a/\n\n> ${spaces(n)}x.js x`],
  // Inputs that become many objects stay at a few thousand lines: past some 50k live objects V8's
  // young-generation collections grow with the heap, which makes linear code look super-linear.
  ['many short requests', (n) => 'GET http://a/\n###\n'.repeat(n / 192)],
  ['many headers', (n) => `GET http://a/\n${'A: b\n'.repeat(n / 120)}`],
  ['many lines that are not headers', (n) => `GET http://a/\n${'x y\n'.repeat(n / 60)}`],
  ['many CRs', (n) => `GET http://a/${'\r'.repeat(n)}`],
];

describe('linear time: growth from N to 4N stays below 8x', function () {
  this.timeout(120_000);

  describe('parseHttpFile', () => {
    for (const [title, make] of PARSER_INPUTS) {
      it(title, () => assertLinear(parseHttpFile, make));
    }
  });

  describe('entity tags, dates and .env values', () => {
    const values: Array<[string, (value: string) => unknown, (n: number) => string]> = [
      ['parseEntityTagList: unclosed quotes', parseEntityTagList, (n) => '"'.repeat(n)],
      ['parseEntityTagList: commas and spaces', parseEntityTagList, (n) => ', '.repeat(n / 2) + 'a'],
      ['parseEntityTagList: many tags', parseEntityTagList, (n) => 'W/"a", '.repeat(n / 7)],
      ['parseHttpDate: spaces inside', parseHttpDate, (n) => `a${spaces(n)}b`],
      ['explainInvalidHttpDate: spaces inside', explainInvalidHttpDate, (n) => `a${spaces(n)}b`],
      ['explainInvalidHttpDate: digits and commas', explainInvalidHttpDate, (n) => '1994 ,'.repeat(n / 6)],
      ['rewriteAsHttpDate: spaces inside', rewriteAsHttpDate, (n) => `a${spaces(n)}b`],
      ['parseDotenv: a value with spaces inside', parseDotenv, (n) => `KEY=a${spaces(n)}b\nOTHER=x${spaces(n)}#c`],
    ];
    for (const [title, work, make] of values) {
      it(title, () => assertLinear(work, make));
    }
  });

  describe('lintHttpFile', () => {
    const context: ResolveOptions = referenceContext();
    const lint = (text: string) => lintHttpFile(parseHttpFile(text), context);
    const inputs: Array<[string, (n: number) => string]> = [
      ['If-Match with many tags', (n) => `PUT http://a/\nIf-Match: ${'"a", '.repeat(n / 5)}`],
      ['If-Modified-Since with spaces inside', (n) => `GET http://a/\nIf-Modified-Since: a${spaces(n)}b`],
      ['If-Match `{{` with spaces inside', (n) => `PUT http://a/\nIf-Match: {{a${spaces(n)}b}}`],
      ['a file variable of `{{` never closed', (n) => `@v = ${'{{'.repeat(n)}\nPUT http://a/\nIf-Match: {{v}}`],
    ];
    for (const [title, make] of inputs) {
      it(title, () => assertLinear(lint, make));
    }

    it('resolveRequest: a file variable of `{{` never closed', async () => {
      const text = (n: number) => `@v = ${'{{'.repeat(n)}\nGET http://a/\nX-A: {{v}}`;
      // resolveRequest is async only for body files; without one it finishes synchronously inside the promise.
      let pending: Promise<unknown> = Promise.resolve();
      assertLinear((input) => {
        const file = parseHttpFile(input);
        pending = resolveRequest(file, file.requests[0], context);
      }, text);
      await pending;
    });
  });
});
