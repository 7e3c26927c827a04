#!/usr/bin/env node
// Runs the integration suites (test/integration, inside a real VS Code extension
// host) and the E2E modules (test/e2e/*.e2e.mjs, clicking through the real
// workbench) in VS Code for the web, hosted by code-server and driven by Chromium.
//
//   node test/harness/run.mjs [--grep <regexp>] [--no-e2e | --e2e-only]
//                             [--extension <dir>] [--timeout <seconds>] [--keep]
//                             [--vsix <file>]   also install this package and smoke-test it
//
// Needs `npm run build` (dist/extension.js) and `npm run compile-tests`
// (out/test/integration/index.js) first. The last line it prints is exactly
// `N passed, N failed` (CI reads it); it exits 1 if anything failed or nothing ran.
// How it works and the E2E module API: test/harness/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveChromium } from './lib/chromium.mjs';
import { loadE2EModules, logE2EPlan, runE2E } from './lib/e2e.mjs';
import { ensureHarness } from './lib/install.mjs';
import { runIntegration } from './lib/integration.mjs';
import { runInstallPhase } from './lib/installPhase.mjs';
import { cleanupAll, onCleanup, printLiveTails } from './lib/session.mjs';
import { log, withTimeout } from './lib/util.mjs';
import { launchBrowser } from './lib/workbench.mjs';

const harnessDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(harnessDir, '..', '..');

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string' },
    'e2e-only': { type: 'boolean', default: false },
    'no-e2e': { type: 'boolean', default: false },
    extension: { type: 'string', default: process.env.PD_EXTENSION_PATH },
    timeout: { type: 'string', default: process.env.PD_HARNESS_TIMEOUT_S ?? '600' },
    keep: { type: 'boolean', default: false },
    vsix: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 12).join('\n').replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const startedAt = Date.now();
const overallMs = Number(options.timeout) * 1000;
const paths = {
  extension: path.resolve(options.extension ?? repoRoot),
  testsEntry: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
  fixture: path.join(repoRoot, 'test', 'fixtures', 'workspace'),
  e2eDir: path.join(repoRoot, 'test', 'e2e'),
  results: path.join(repoRoot, 'test-results'),
};

// The backstop for every wait: whatever hangs, the run ends with the logs shown.
const overallTimer = setTimeout(async () => {
  console.log(`[harness] the whole run exceeded ${options.timeout} s; logs of what was still running follow`);
  printLiveTails();
  totals.failed++;
  await finish();
}, overallMs);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => finish(130));

main().catch(async (error) => {
  console.log(`[harness] ${error.stack ?? error}`);
  totals.failed++;
  await finish();
});

async function main() {
  checkPrerequisites();
  clearPreviousResults();
  const harness = await ensureHarness({ repoRoot, harnessDir });
  const chromium = await resolveChromium({ harness });
  log(`Chromium from ${chromium.source}; extension under test: ${paths.extension}`);
  const browser = await launchBrowser({ harness, chromium });
  onCleanup(() => browser.close());
  const common = { harness, browser, extensionPath: paths.extension, fixtureDir: paths.fixture, resultsDir: paths.results, keep: options.keep };

  if (!options['e2e-only']) {
    const remaining = overallMs - (Date.now() - startedAt);
    const result = await runIntegration({
      ...common,
      testsEntry: paths.testsEntry,
      grep: options.grep,
      timeoutMs: Math.max(30_000, remaining - 60_000), // leave the E2E phase a minute
    });
    add(result);
    log(`integration: ${result.passed} passing, ${result.failed} failing, ${result.skipped} pending`);
    const untrusted = await runIntegration({
      ...common,
      name: 'untrusted',
      trustWorkspace: false,
      fixtureDir: path.join(repoRoot, 'test', 'fixtures', 'untrusted'),
      testsEntry: path.join(repoRoot, 'out', 'test', 'untrusted', 'index.js'),
      grep: options.grep,
      timeoutMs: 120_000,
    });
    add(untrusted);
    log(`untrusted workspace: ${untrusted.passed} passing, ${untrusted.failed} failing`);
  }
  if (options.vsix) {
    const result = await runInstallPhase({ ...common, vsix: path.resolve(options.vsix), repoRoot, timeoutMs: 120_000 });
    add(result);
    log(`install: ${result.passed} passing, ${result.failed} failing`);
  }
  if (!options['no-e2e']) {
    const modules = await loadE2EModules(paths.e2eDir, options.grep);
    logE2EPlan(modules);
    const result = await runE2E({ ...common, modules, repoRoot });
    add(result);
    log(`e2e: ${result.passed} passing, ${result.failed} failing`);
  }
  await finish();
}

function checkPrerequisites() {
  const manifestPath = path.join(paths.extension, 'package.json');
  if (!fs.existsSync(manifestPath)) throw new Error(`no extension at ${paths.extension} (no package.json)`);
  const main = JSON.parse(fs.readFileSync(manifestPath, 'utf8')).main;
  if (main && ![main, `${main}.js`].some((candidate) => fs.existsSync(path.resolve(paths.extension, candidate)))) {
    throw new Error(`the extension's main ${main} does not exist: run \`npm run build\` first`);
  }
  if (!options['e2e-only'] && !fs.existsSync(paths.testsEntry)) {
    throw new Error(`${path.relative(repoRoot, paths.testsEntry)} does not exist: run \`npm run compile-tests\` first`);
  }
}

// Only what this harness writes: a stale failure screenshot would mislead.
function clearPreviousResults() {
  fs.mkdirSync(paths.results, { recursive: true });
  fs.rmSync(path.join(paths.results, 'integration-logs'), { recursive: true, force: true });
  for (const name of fs.readdirSync(paths.results)) {
    if (name.endsWith('-failure.png')) fs.rmSync(path.join(paths.results, name));
  }
}

function add(result) {
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.skipped += result.skipped;
}

let finishing;
function finish(exitCode) {
  finishing ??= (async () => {
    clearTimeout(overallTimer);
    await withTimeout(cleanupAll(), 15_000, 'cleanup').catch((error) => log(error.message));
    if (totals.passed + totals.failed === 0) {
      log('no test ran: check --grep, test/integration and test/e2e');
      if (!exitCode) totals.failed = 1;
    }
    log(`finished in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    // CI reads this exact line; nothing may be printed after it.
    console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
    process.exit(exitCode ?? (totals.failed > 0 ? 1 : 0));
  })();
  return finishing;
}
