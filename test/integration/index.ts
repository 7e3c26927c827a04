// The mocha entry VS Code runs inside the extension host (extensionTestsPath).
// It must not know which host started it: code-server through test/harness/run.mjs
// or desktop VS Code through test/electron/runTests.ts both call run().
//
// Environment (all optional):
//   PD_TEST_GREP    only run tests whose full title matches this pattern
//   PD_TEST_REPORT  write a JSON report of passes and failures to this path
import * as fs from 'fs';
import * as path from 'path';
import type Mocha from 'mocha';

type MochaConstructor = typeof Mocha;

export interface TestReport {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  passes: Array<{ title: string; durationMs?: number }>;
  failures: Array<{ title: string; message: string; stack?: string }>;
}

export function run(): Promise<void> {
  return runSuitesIn(__dirname);
}

/** Runs every *.test.js below `directory`: the install test reuses this for its own suites. */
export function runSuitesIn(directory: string): Promise<void> {
  const mocha = new (loadMocha())({
    ui: 'bdd',
    reporter: 'spec',
    color: false, // the output travels through the browser console: no escape codes
    timeout: 20_000,
  });
  const grep = process.env.PD_TEST_GREP;
  if (grep) mocha.grep(new RegExp(grep));
  for (const file of findTestFiles(directory)) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    const report: TestReport = { passed: 0, failed: 0, pending: 0, durationMs: 0, passes: [], failures: [] };
    const started = Date.now();
    const runner = mocha.run((failures) => {
      report.durationMs = Date.now() - started;
      writeReport(report);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => {
      report.passed++;
      report.passes.push({ title: test.fullTitle(), durationMs: test.duration });
    });
    // 'fail' also fires for failing hooks, which mocha counts as failures too.
    runner.on('fail', (test, error: Error) => {
      report.failed++;
      report.failures.push({ title: test.fullTitle(), message: error?.message ?? String(error), stack: error?.stack });
    });
    runner.on('pending', () => report.pending++);
  });
}

// mocha 12 is an ES module; require() of ESM (Node >= 20.19) returns its
// namespace, whose default export is the Mocha class.
function loadMocha(): MochaConstructor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('mocha') as MochaConstructor & { default?: MochaConstructor };
  return loaded.default ?? loaded;
}

// A directory walk instead of a glob dependency: every *.test.js below this folder.
function findTestFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...findTestFiles(full));
    else if (entry.name.endsWith('.test.js')) files.push(full);
  }
  return files.sort();
}

function writeReport(report: TestReport): void {
  const target = process.env.PD_TEST_REPORT;
  if (!target) return;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, JSON.stringify(report, null, 2));
  } catch (error) {
    console.error(`could not write the test report to ${target}:`, error);
  }
}
