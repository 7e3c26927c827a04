#!/usr/bin/env node
// `npm run bench`: measures Precondition Doctor against the tools users would pick
// instead, in one process and one run, and writes bench/results.json.
//
//   npm run bench                      all cases, the table, bench/results.json
//   npm run bench -- --check           also exit 1 naming every goal that was missed
//   npm run bench -- --quick           fewer samples (a smoke test of the suite itself)
//   npm run bench -- --only parse,send run only cases whose id starts with one of these
//   npm run bench -- --no-activation   skip the VS Code harness (activation not measured)
//
// Nothing here is shipped (.vscodeignore) or run by `npm test`. How to read the numbers:
// bench/README.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCore, productionBuild, scratchDir } from './lib/build.mjs';
import { evaluate, formatTable } from './lib/report.mjs';
import { parseCases } from './cases/parse.mjs';
import { lintCases } from './cases/lint.mjs';
import { linearCases } from './cases/linear.mjs';
import { storeCases } from './cases/store.mjs';
import { sendCases } from './cases/send.mjs';
import { extensionCases } from './cases/extension.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-activation': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 12).join('\n').replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}

const wanted = options.only?.split(',').map((id) => id.trim()).filter(Boolean);
const runs = (id) => !wanted || wanted.some((prefix) => id.startsWith(prefix));
const progress = (message) => process.stderr.write(`[bench] ${message}\n`);

const startedAt = Date.now();
const loadBefore = os.loadavg()[0];
const scratch = scratchDir(repoRoot);
let rows = [];
try {
  progress('bundling the core from src/ and building the extension for production…');
  const core = await loadCore(repoRoot, scratch);
  const build = productionBuild(repoRoot, scratch);
  const common = { core, repoRoot, scratch, quick: options.quick, log: progress };
  const cases = [
    ['parse', () => parseCases(common)],
    ['lint', () => lintCases(common)],
    ['linear', () => linearCases(common)],
    ['store', () => storeCases(common)],
    ['send', () => sendCases({ ...common, dist: build.dist })],
    ['extension', () => extensionCases({ ...common, build, activation: !options['no-activation'] })],
  ];
  for (const [id, run] of cases) {
    if (!runs(id)) continue;
    const caseStarted = Date.now();
    progress(`${id}…`);
    try {
      rows.push(...await run());
    } catch (error) {
      // One broken case must not hide the others' figures; --check still fails on it.
      progress(`${id} failed: ${error instanceof Error ? error.stack : String(error)}`);
      rows.push({ id: `${id}.failed`, case: id, what: 'the case could not run', unit: 'count', value: 1, oursText: 'error', note: String(error instanceof Error ? error.message : error), goal: { text: 'runs to the end', on: 'value', max: 0 } });
    }
    progress(`${id} done in ${((Date.now() - caseStarted) / 1000).toFixed(1)} s`);
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}

rows = rows.map(evaluate);
const results = {
  generatedAt: new Date().toISOString(),
  commit: gitCommit(),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`,
  loadAverage: { before: round(loadBefore), after: round(os.loadavg()[0]) },
  quick: options.quick,
  durationSeconds: round((Date.now() - startedAt) / 1000),
  cases: rows,
};
fs.writeFileSync(path.join(repoRoot, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

console.log(formatTable(rows));
console.log(`\n${results.platform}, Node ${results.node}, load average ${results.loadAverage.before} → ${results.loadAverage.after}; ` +
  `${results.durationSeconds} s. Medians of repeated runs after warm-up; min–max of ours in brackets. bench/results.json has every figure.`);

const missed = rows.filter((row) => row.pass === false);
const unmeasured = rows.filter((row) => row.pass === null && row.goal.on);
for (const row of unmeasured) console.log(`not measured: ${row.id} (${row.goal.text}): ${row.note ?? 'no figure'}`);
if (missed.length > 0) {
  console.log(`\nmissed ${missed.length} goal(s):`);
  for (const row of missed) console.log(`  ${row.id}: ${row.goal.text}, measured ${row.measuredText}${row.note ? ` (${row.note})` : ''}`);
}
if (options.check && missed.length > 0) process.exitCode = 1;

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function round(value) {
  return Math.round(value * 100) / 100;
}
