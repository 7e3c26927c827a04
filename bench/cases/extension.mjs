// Case 5, the extension: the size of the production bundle, and activation time in the
// real VS Code harness (one code-server, a fresh window per sample; see bench/activation/).
import fs from 'node:fs';
import path from 'node:path';
import { summarize } from '../lib/stats.mjs';
import { measureActivation } from '../activation/measure.mjs';

const MB = 1_000_000;

export async function extensionCases({ repoRoot, scratch, build, activation, quick, log }) {
  const size = fs.statSync(path.join(build.dist, 'extension.js')).size;
  const rows = [{
    id: 'extension.size',
    case: 'Extension',
    what: 'dist/extension.js, production build (scripts/build.mjs --production)',
    unit: 'bytes',
    value: size,
    oursText: `${(size / 1024).toFixed(0)} KiB`,
    goal: { text: '< 1 MB', on: 'value', max: MB, strict: true },
  }];

  const row = {
    id: 'extension.activation',
    case: 'Extension',
    what: 'activation in the VS Code harness (code-server), production build',
    unit: 'ms',
    goal: { text: '< 50 ms', on: 'value', max: 50, strict: true },
  };
  if (!activation) {
    row.note = 'not measured: run without --no-activation (needs the test harness: test/harness/README.md)';
    rows.push(row);
    return rows;
  }
  try {
    // The first window pays for cold disk caches and code-server's own start-up work: a warm-up.
    const windows = quick ? 3 : 6;
    const { samples, wasActive } = await measureActivation({ repoRoot, extensionDir: build.extensionDir, scratch, windows, log });
    if (wasActive) throw new Error('the extension was already active when the sample started');
    row.ours = summarize(samples.slice(1));
  } catch (error) {
    row.note = `not measured: ${error instanceof Error ? error.message : String(error)}`;
  }
  rows.push(row);
  return rows;
}
