// Case 5, the extension: the size of the production bundle, and activation in the real
// VS Code harness (one code-server, a fresh window per sample; see bench/activation/) as a
// ratio to a minimal extension activated in the same windows: an absolute time moved with
// the machine's load (21 ms quiet, 66–71 ms busy), a ratio measured side by side does not.
import fs from 'node:fs';
import path from 'node:path';
import { median, summarize } from '../lib/stats.mjs';
import { measureActivation } from '../activation/measure.mjs';

const MB = 1_000_000;

export async function extensionCases({ repoRoot, scratch, build, activation, quick, log }) {
  // What every activation reads: the loader and the extension it loads.
  const size = ['extension.js', 'main.js'].reduce((total, file) => total + fs.statSync(path.join(build.dist, file)).size, 0);
  const rows = [{
    id: 'extension.size',
    case: 'Extension',
    what: 'dist/extension.js + dist/main.js, production build (scripts/build.mjs --production)',
    unit: 'bytes',
    value: size,
    oursText: `${(size / 1024).toFixed(0)} KiB`,
    goal: { text: '< 1 MB', on: 'value', max: MB, strict: true },
  }];

  const row = {
    id: 'extension.activation',
    case: 'Extension',
    what: 'activation in the VS Code harness (code-server), production build, vs a one-command extension in the same windows',
    unit: 'ms',
    goal: { text: '≤ 1.5× the one-command extension', on: 'ratio', max: 1.5 },
  };
  if (!activation) {
    row.note = 'not measured: run without --no-activation (needs the test harness: test/harness/README.md)';
    rows.push(row);
    return rows;
  }
  try {
    // The first window pays for cold disk caches and code-server's own start-up work: a warm-up.
    // An even number after it, so each extension is activated first in as many windows as second.
    const windows = quick ? 3 : 13;
    const measured = await measureActivation({ repoRoot, extensionDir: build.extensionDir, scratch, windows, log });
    if (measured.wasActive) throw new Error('an extension was already active when the sample started');
    const ours = measured.ours.slice(1);
    const baseline = measured.baseline.slice(1);
    row.ours = summarize(ours);
    row.baseline = { name: 'one-command extension (bench/activation/minimal)', ...summarize(baseline) };
    row.ratio = row.ours.median / row.baseline.median;
    // Each window's own ratio too: a figure that a slow window moves for both sides alike.
    row.pairedRatio = Number(median(ours.map((ms, i) => ms / baseline[i])).toFixed(2));
  } catch (error) {
    row.note = `not measured: ${error instanceof Error ? error.message : String(error)}`;
  }
  rows.push(row);
  return rows;
}
