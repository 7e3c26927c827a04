// Activation time in the real VS Code harness (test/harness): one code-server, then a
// fresh workbench window per sample, each running entry.js in its own extension host
// against the production build. Uses the harness's own building blocks, unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * @returns {Promise<{ samples: number[], wasActive: boolean } | { skipped: string }>}
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
    const session = await startSession({ harness, name: 'bench-activation', env: { PD_TEST_REPORT: reportPath } });
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
  return { samples: lines.map((sample) => sample.activateMs), wasActive: lines.some((sample) => sample.wasActive) };
}
