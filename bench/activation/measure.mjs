// Activation time in the real VS Code harness (test/harness): one code-server, then a
// fresh workbench window per sample, each running entry.js in its own extension host,
// which activates the production build and the baseline (minimal/: one command) in turn.
// Uses the harness's own building blocks, unchanged. The web workbench takes a single
// development folder (its payload is a Map), so the baseline is installed from a .vsix
// the way the harness installs one, and ours stays the development folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * One sample per window for each extension, in window order (the first is a warm-up the caller drops).
 * @returns {Promise<{ ours: number[], baseline: number[], wasActive: boolean }>}
 */
export async function measureActivation({ repoRoot, extensionDir, scratch, windows, log }) {
  const harnessDir = path.join(repoRoot, 'test', 'harness');
  const lib = (name) => import(pathToFileURL(path.join(harnessDir, 'lib', name)).href);
  const [{ ensureHarness }, { resolveChromium }, { launchBrowser, newWorkbenchContext, openPage, loadWorkbench, workbenchUrl }, { startSession, cleanupAll }, { withTimeout }] =
    await Promise.all(['install.mjs', 'chromium.mjs', 'workbench.mjs', 'session.mjs', 'util.mjs'].map(lib));

  const reportPath = path.join(scratch, 'activation.jsonl');
  fs.rmSync(reportPath, { force: true });
  const harness = await ensureHarness({ repoRoot, harnessDir });
  const chromium = await resolveChromium({ harness });
  const browser = await launchBrowser({ harness, chromium });
  try {
    const installExtensions = [packageBaseline(repoRoot, scratch, 'activation-baseline'), packageBaseline(repoRoot, scratch, 'activation-warm-up')];
    const session = await startSession({ harness, name: 'bench-activation', env: { PD_TEST_REPORT: reportPath }, installExtensions });
    try {
      for (let window = 0; window < windows; window++) {
        const context = await newWorkbenchContext(browser);
        try {
          const { page } = await openPage(context);
          const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
          await loadWorkbench(page, workbenchUrl({
            server: session.server,
            folder: session.copyWorkspace(path.join(repoRoot, 'test', 'fixtures', 'workspace')),
            extensionDevelopmentPath: extensionDir,
            extensionTestsPath: path.join(here, 'entry.js'),
          }));
          await withTimeout(exited, 60_000, 'the activation window');
          log?.(`activation window ${window + 1}/${windows} done`);
        } finally {
          await context.close().catch(() => {});
        }
      }
    } finally {
      await session.stop();
    }
  } finally {
    await browser.close().catch(() => {});
    await cleanupAll();
  }
  const lines = fs.existsSync(reportPath) ? fs.readFileSync(reportPath, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
  const failed = lines.find((sample) => sample.error);
  if (failed) throw new Error(`activation failed in the extension host: ${failed.error}`);
  if (lines.length !== windows) throw new Error(`expected ${windows} activation samples, got ${lines.length}`);
  return {
    ours: lines.map((sample) => sample.ours),
    baseline: lines.map((sample) => sample.baseline),
    wasActive: lines.some((sample) => sample.wasActive),
  };
}

/**
 * minimal/ as a .vsix in the scratch folder, packaged by the project's own vsce. `name` gives
 * the copy its own extension id and command id: the warm-up copy is the same one-command
 * extension, activated before the two measured ones in every window (entry.js).
 */
function packageBaseline(repoRoot, scratch, name) {
  const folder = path.join(scratch, name);
  fs.cpSync(path.join(here, 'minimal'), folder, { recursive: true });
  if (name !== 'activation-baseline') {
    const command = name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
    for (const file of ['package.json', 'extension.js']) {
      const target = path.join(folder, file);
      fs.writeFileSync(target, fs.readFileSync(target, 'utf8').replaceAll('activation-baseline', name).replaceAll('activationBaseline', command));
    }
  }
  const vsix = path.join(scratch, `${name}.vsix`);
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: folder, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`packaging ${name} failed:\n${result.stdout}${result.stderr}`);
  return vsix;
}
