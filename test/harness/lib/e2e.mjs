// E2E phase: a fresh code-server with only the extension under development (no
// extensionTestsPath), and for each test/e2e/*.e2e.mjs module a fresh workspace
// copy, browser context and workbench page, so modules can't leak into each other.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createE2EContext, safeName } from './e2eContext.mjs';
import { startSession, registerTail, printLiveTails } from './session.mjs';
import { newWorkbenchContext, openPage, loadWorkbench, workbenchUrl } from './workbench.mjs';
import { log, printTail, withTimeout } from './util.mjs';

const DEFAULT_TEST_TIMEOUT_MS = 120_000;

/** The test/e2e/*.e2e.mjs files, sorted, whose "<file>: <title>" matches `grep`. */
export async function loadE2EModules(e2eDir, grep) {
  if (!fs.existsSync(e2eDir)) return [];
  const files = fs.readdirSync(e2eDir).filter((name) => name.endsWith('.e2e.mjs')).sort();
  const modules = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(path.join(e2eDir, file)).href);
    if (typeof mod.default !== 'function') throw new Error(`${file} must export a default async function`);
    const name = file.replace(/\.e2e\.mjs$/, '');
    const title = `${name}: ${mod.title ?? name}`;
    if (grep && !new RegExp(grep).test(title)) continue;
    modules.push({ name, title, run: mod.default, timeoutMs: mod.timeout ?? DEFAULT_TEST_TIMEOUT_MS });
  }
  return modules;
}

/** @returns {Promise<{ passed: number, failed: number, skipped: number }>} */
export async function runE2E({ harness, browser, modules, extensionPath, fixtureDir, resultsDir, repoRoot, keep }) {
  const result = { passed: 0, failed: 0, skipped: 0 };
  if (modules.length === 0) return result;
  const session = await startSession({ harness, name: 'e2e', keep });
  try {
    for (const mod of modules) {
      if (await runModule(mod)) result.passed++;
      else result.failed++;
    }
  } finally {
    await session.stop();
  }
  return result;

  async function runModule(mod) {
    const context = await newWorkbenchContext(browser);
    const extensionHostLines = [];
    const { page, consoleTail } = await openPage(context, { onExtensionHostLine: (text) => extensionHostLines.push(text) });
    const unregisterTail = registerTail(`browser console (e2e ${mod.name})`, consoleTail);
    const workspaceDir = session.copyWorkspace(fixtureDir);
    const t = createE2EContext({
      page, baseUrl: session.server.baseUrl, workspaceDir, resultsDir, repoRoot, extensionHostLines, name: mod.name,
      hasRipgrep: harness.hasRipgrep,
    });
    const started = Date.now();
    try {
      await loadWorkbench(page, workbenchUrl({ server: session.server, folder: workspaceDir, extensionDevelopmentPath: extensionPath }));
      await withTimeout(mod.run(t), mod.timeoutMs, `e2e ${mod.title}`);
      console.log(`  ✔ ${mod.title} (${Date.now() - started} ms)`);
      for (const file of t.screenshots) console.log(`    screenshot: ${path.relative(repoRoot, file)}`);
      return true;
    } catch (error) {
      console.log(`  ✖ ${mod.title} (${Date.now() - started} ms)\n    ${error.stack ?? error}`);
      const shot = await t.screenshot(`${safeName(mod.name)}-failure`).catch(() => undefined);
      if (shot) console.log(`    screenshot at failure: ${path.relative(repoRoot, shot)}`);
      printTail(`browser console (e2e ${mod.name})`, consoleTail, 40);
      if (/did not finish within/.test(error.message)) printLiveTails();
      return false;
    } finally {
      unregisterTail();
      await context.close().catch(() => {});
    }
  }
}

export function logE2EPlan(modules) {
  log(`e2e: ${modules.length} module(s): ${modules.map((m) => m.name).join(', ') || '(none)'}`);
}
