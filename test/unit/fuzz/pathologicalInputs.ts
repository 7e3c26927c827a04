import { lintHttpFile } from '../../../src/core/lint/lintHttpFile';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { parseEntityTagList } from '../../../src/core/preconditions/entityTag';
import { explainInvalidHttpDate, parseHttpDate } from '../../../src/core/preconditions/httpDate';
import { rewriteAsHttpDate } from '../../../src/core/preconditions/lenientDate';
import { parseDotenv } from '../../../src/core/variables/dotenv';
import { resolveRequest } from '../../../src/core/variables/resolveRequest';
import { referenceContext } from '../support/referenceContext';

/**
 * Inputs aimed at the patterns that backtrack (`(.*?)\s*$`, `\s+HTTP` after a lazy start,
 * an unclosed `{{`), each made at any size. Two users: `pathologicalInputs.test.ts` checks
 * that every one runs without throwing and grows with its size; `bench/cases/linear.mjs`
 * (bundled from this file) checks that the time grows linearly. Timing lives in the bench
 * only: a unit test that times code fails on a busy machine.
 */
export interface PathologicalInput {
  /** Which row of the bench the input counts towards. */
  group: 'parse' | 'values' | 'lint';
  title: string;
  /** What is timed; a promise is awaited. */
  run: (input: string) => unknown;
  make: (size: number) => string;
}

/**
 * N for the bench: large enough that N and 4N sit on the same side of V8's allocation
 * thresholds, small enough that a quadratic regression still ends (the bench tries N/8 first).
 */
export const BASE_SIZE = 150_000;
export const GROWTH = 4;

const spaces = (n: number) => ' '.repeat(n);
const context = referenceContext();
const lint = (text: string) => lintHttpFile(parseHttpFile(text), context);
const resolveFirst = (text: string) => {
  const file = parseHttpFile(text);
  return resolveRequest(file, file.requests[0], context);
};

const parse = (title: string, make: (n: number) => string): PathologicalInput => ({ group: 'parse', title, run: parseHttpFile, make });

export const PATHOLOGICAL_INPUTS: readonly PathologicalInput[] = [
  parse('`{{` repeated in a URL', (n) => `GET http://a/${'{{'.repeat(n)}`),
  parse('`{{` in a header value and the body', (n) => `POST http://a/\nX-A: ${'{{'.repeat(n)}\n\n${'{{'.repeat(n)}`),
  parse('nested `{{{{` never closed, then closed', (n) => `GET http://a/${'{{{{'.repeat(n / 2)}${'}}'.repeat(n / 4)}`),
  parse('a header value with a long run of spaces inside', (n) => `GET http://a/\nX-A: a${spaces(n)}b`),
  parse('a header line of 600k characters (at 4N)', (n) => `GET http://a/\nX-A: ${'a '.repeat(n / 2)}`),
  parse('a line of 1e6 spaces (at 4N)', (n) => spaces((n * 1_000_000) / (BASE_SIZE * GROWTH))),
  parse('spaces, then one character', (n) => `${spaces(n)}x`),
  parse('a URL with a long run of spaces inside', (n) => `GET http://a/${spaces(n)}b`),
  parse('a URL whose spaces end in almost a version', (n) => `GET http://a/${spaces(n)}HTTP/1.1x`),
  parse('a query continuation with spaces inside', (n) => `GET http://a/\n  ?a${spaces(n)}b`),
  parse('metadata with spaces inside', (n) => `# @name a${spaces(n)}b\nGET http://a/`),
  parse('a file variable with spaces inside', (n) => `@a = a${spaces(n)}b\nGET http://a/`),
  parse('a body file reference with spaces inside', (n) => `POST http://a/\n\n< a${spaces(n)}b`),
  parse('a `{{` script opener followed by spaces', (n) => `{{${spaces(n)}x\nGET http://a/`),
  parse('a response handler line with spaces', (n) => `POST http://a/\n\n> ${spaces(n)}x.js x`),
  // Inputs that become many objects stay at a few thousand lines: past some 50k live objects V8's
  // young-generation collections grow with the heap, which makes linear code look super-linear.
  parse('many short requests', (n) => 'GET http://a/\n###\n'.repeat(n / 192)),
  parse('many headers', (n) => `GET http://a/\n${'A: b\n'.repeat(n / 120)}`),
  parse('many lines that are not headers', (n) => `GET http://a/\n${'x y\n'.repeat(n / 60)}`),
  parse('many CRs', (n) => `GET http://a/${'\r'.repeat(n)}`),
  // From foundByFuzzing.test.ts: a body after a million blank lines.
  parse('CRs before a body', (n) => `POST http://a/\n\n${'\r'.repeat(n)}last`),

  { group: 'values', title: 'parseEntityTagList: unclosed quotes', run: parseEntityTagList, make: (n) => '"'.repeat(n) },
  { group: 'values', title: 'parseEntityTagList: commas and spaces', run: parseEntityTagList, make: (n) => ', '.repeat(n / 2) + 'a' },
  { group: 'values', title: 'parseEntityTagList: many tags', run: parseEntityTagList, make: (n) => 'W/"a", '.repeat(n / 7) },
  { group: 'values', title: 'parseHttpDate: spaces inside', run: parseHttpDate, make: (n) => `a${spaces(n)}b` },
  { group: 'values', title: 'explainInvalidHttpDate: spaces inside', run: explainInvalidHttpDate, make: (n) => `a${spaces(n)}b` },
  { group: 'values', title: 'explainInvalidHttpDate: digits and commas', run: explainInvalidHttpDate, make: (n) => '1994 ,'.repeat(n / 6) },
  { group: 'values', title: 'rewriteAsHttpDate: spaces inside', run: rewriteAsHttpDate, make: (n) => `a${spaces(n)}b` },
  { group: 'values', title: 'parseDotenv: a value with spaces inside', run: parseDotenv, make: (n) => `KEY=a${spaces(n)}b\nOTHER=x${spaces(n)}#c` },

  { group: 'lint', title: 'lintHttpFile: If-Match with many tags', run: lint, make: (n) => `PUT http://a/\nIf-Match: ${'"a", '.repeat(n / 5)}` },
  { group: 'lint', title: 'lintHttpFile: If-Modified-Since with spaces inside', run: lint, make: (n) => `GET http://a/\nIf-Modified-Since: a${spaces(n)}b` },
  { group: 'lint', title: 'lintHttpFile: If-Match `{{` with spaces inside', run: lint, make: (n) => `PUT http://a/\nIf-Match: {{a${spaces(n)}b}}` },
  { group: 'lint', title: 'lintHttpFile: a file variable of `{{` never closed', run: lint, make: (n) => `@v = ${'{{'.repeat(n)}\nPUT http://a/\nIf-Match: {{v}}` },
  { group: 'lint', title: 'resolveRequest: a file variable of `{{` never closed', run: resolveFirst, make: (n) => `@v = ${'{{'.repeat(n)}\nGET http://a/\nX-A: {{v}}` },
];
