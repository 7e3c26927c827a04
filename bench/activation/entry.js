// Runs inside the VS Code extension host as `extensionTestsPath` (see measure.mjs).
// Times what VS Code does when the extension activates: load dist/extension.js and
// call activate(). One sample per extension host; measure.mjs opens several windows.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module the extension host require()s */
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const EXTENSION_ID = 'precondition-doctor.precondition-doctor';

exports.run = async function run() {
  const vscode = require('vscode');
  const sample = {};
  try {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this window`);
    // Built-in extensions activate at start-up on this same thread; timed among them, our
    // activate() would be charged for their work. Wait until no more become active.
    await settled(vscode);
    // Already active would mean something activated it first: that sample says nothing.
    sample.wasActive = extension.isActive;
    const started = performance.now();
    await extension.activate();
    sample.activateMs = performance.now() - started;
  } catch (error) {
    sample.error = error instanceof Error ? error.message : String(error);
  }
  // One JSON line per window; the harness reads the report path from the environment.
  fs.appendFileSync(process.env.PD_TEST_REPORT, `${JSON.stringify(sample)}\n`);
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
