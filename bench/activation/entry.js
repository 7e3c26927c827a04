// Runs inside the VS Code extension host as `extensionTestsPath` (see measure.mjs).
// Times what VS Code does when an extension activates: load its main module and call
// activate(). Ours and the baseline (minimal/, one command) in the same host, one after
// the other; measure.mjs opens several windows.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module the extension host require()s */
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const EXTENSION_IDS = {
  ours: 'precondition-doctor.precondition-doctor',
  baseline: 'precondition-doctor-bench.activation-baseline',
};
/**
 * Activated before the two measured ones: the first extension activated in a window pays work
 * of the host's that neither of them causes (about 5 ms here, and it made whichever went first
 * look 2× slower). A third copy of the one-command extension takes that on.
 */
const WARM_UP_ID = 'precondition-doctor-bench.activation-warm-up';

exports.run = async function run() {
  const vscode = require('vscode');
  const reportPath = process.env.PD_TEST_REPORT;
  const sample = {};
  try {
    // The report holds one line per earlier window: its length is this window's number.
    const window = fs.existsSync(reportPath) ? fs.readFileSync(reportPath, 'utf8').split('\n').filter(Boolean).length : 0;
    // The first activation in a host warms up what the second then finds ready (the API
    // factory, the module loader): the order alternates, so each side goes first as often.
    sample.order = window % 2 ? ['baseline', 'ours'] : ['ours', 'baseline'];
    const extensions = {};
    for (const [name, id] of Object.entries(EXTENSION_IDS)) {
      extensions[name] = vscode.extensions.getExtension(id);
      if (!extensions[name]) {
        const loaded = vscode.extensions.all.filter((extension) => !extension.id.startsWith('vscode.')).map((extension) => extension.id);
        throw new Error(`${id} is not installed in this window (non-built-in extensions: ${loaded.join(', ') || 'none'})`);
      }
    }
    // Built-in extensions activate at start-up on this same thread; timed among them, an
    // activate() would be charged for their work. Wait until no more become active.
    await settled(vscode);
    // Already active would mean something activated it first: that sample says nothing.
    sample.wasActive = sample.order.some((name) => extensions[name].isActive);
    const warmUp = vscode.extensions.getExtension(WARM_UP_ID);
    if (!warmUp) throw new Error(`${WARM_UP_ID} is not installed in this window`);
    await warmUp.activate();
    for (const name of sample.order) {
      // What one activation leaves queued (replies to its calls, work it deferred) runs before the
      // next is timed, as it would among other extensions: each activate() is charged its own.
      await new Promise((resolve) => setTimeout(resolve, 250));
      const started = performance.now();
      await extensions[name].activate();
      sample[name] = performance.now() - started;
    }
  } catch (error) {
    sample.error = error instanceof Error ? error.message : String(error);
  }
  // One JSON line per window; the harness reads the report path from the environment.
  fs.appendFileSync(reportPath, `${JSON.stringify(sample)}\n`);
};

/** Resolves once the set of active extensions has not changed for a second (10 s at most). */
async function settled(vscode) {
  const activeCount = () => vscode.extensions.all.filter((extension) => extension.isActive).length;
  const deadline = Date.now() + 10_000;
  let last = activeCount();
  let stableSince = Date.now();
  while (Date.now() - stableSince < 1000 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = activeCount();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
  }
}
