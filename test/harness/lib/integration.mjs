// Integration phase: the workbench loads the extension under development and runs
// the mocha entry (extensionTestsPath) inside its extension host. The entry writes a
// JSON report to PD_TEST_REPORT; the workbench calls window.codeAutomationExit(code)
// once the entry's run() has settled.
import fs from 'node:fs';
import path from 'node:path';
import { startSession, registerTail, printLiveTails } from './session.mjs';
import { newWorkbenchContext, openPage, loadWorkbench, workbenchUrl } from './workbench.mjs';
import { log, withTimeout, sleep } from './util.mjs';
import { handleHostRequest, letTestsAskForDialogs } from './hostRequests.mjs';

/**
 * @returns {Promise<{ passed: number, failed: number, skipped: number }>}
 */
export async function runIntegration({ harness, browser, extensionPath, testsEntry, fixtureDir, grep, timeoutMs, keep, resultsDir, name = 'integration', installExtensions = [], trustWorkspace = true }) {
  const reportPath = path.join(resultsDir, `${name}-report.json`);
  fs.rmSync(reportPath, { force: true });
  // Where the harness answers the tests' requests (hostRequests.mjs): fresh for each run.
  const replyDir = path.join(resultsDir, `${name}-harness-replies`);
  fs.rmSync(replyDir, { recursive: true, force: true });
  fs.mkdirSync(replyDir, { recursive: true });
  const env = { PD_TEST_REPORT: reportPath, PD_HARNESS_REPLY_DIR: replyDir };
  if (grep) env.PD_TEST_GREP = grep;

  const session = await startSession({ harness, name, env, keep, installExtensions, trustWorkspace });
  const context = await newWorkbenchContext(browser);
  let openedPage;
  const { page, consoleTail, flush } = await openPage(context, {
    onExtensionHostLine: (text, severity) => {
      if (handleHostRequest(text, { page: () => openedPage, replyDir })) return;
      console.log(severity === 'INFO' ? text : `${severity} ${text}`);
    },
  });
  openedPage = page;
  await letTestsAskForDialogs(page, (message) => log(`integration: ${message}`));
  const unregisterTail = registerTail('browser console (integration)', consoleTail);
  try {
    let reportExit;
    const exited = new Promise((resolve) => (reportExit = resolve));
    // Must exist before the workbench script runs; it is how the workbench reports the result.
    await page.exposeFunction('codeAutomationExit', (code, logs) => reportExit({ code, logs }));

    const url = workbenchUrl({
      server: session.server,
      folder: session.copyWorkspace(fixtureDir),
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: testsEntry,
    });
    log(`integration: loading the workbench with the tests in ${path.relative(process.cwd(), testsEntry)}`);
    await loadWorkbench(page, url);
    const gone = Promise.race([
      session.server.exited,
      new Promise((resolve) => page.on('crash', () => resolve('the workbench page crashed'))),
    ]).then((reason) => Promise.reject(new Error(`${reason} before the tests finished`)));
    gone.catch(() => {}); // only matters while we wait below
    const { code, logs } = await withTimeout(Promise.race([exited, gone]), timeoutMs, 'the integration test run');
    await flush();
    await sleep(200); // console lines sent just before the exit call are still in flight
    await flush();

    const report = readReport(reportPath);
    if (!report) {
      console.log(`integration: the test entry wrote no report (exit code ${code}); logs follow`);
      saveWorkbenchLogs(logs, resultsDir);
      printLiveTails();
      return { passed: 0, failed: 1, skipped: 0 };
    }
    // mocha printed the details above; repeat just the titles where they can't scroll away.
    for (const failure of report.failures) console.log(`FAILED ${failure.title}: ${failure.message.split('\n')[0]}`);
    if (code !== 0) saveWorkbenchLogs(logs, resultsDir);
    // A run that failed outside any test (e.g. the entry itself threw) still fails.
    const failed = report.failed || (code !== 0 ? 1 : 0);
    return { passed: report.passed, failed, skipped: report.pending };
  } catch (error) {
    console.log(`integration: ${error.message}`);
    printLiveTails();
    return { passed: 0, failed: 1, skipped: 0 };
  } finally {
    unregisterTail();
    await context.close().catch(() => {});
    await session.stop();
  }
}

function readReport(reportPath) {
  try {
    return JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  } catch {
    return undefined;
  }
}

// The workbench hands its own log files (window, extension host, …) to the exit
// call; keep them where a failed CI run can be inspected.
function saveWorkbenchLogs(logs, resultsDir) {
  if (!Array.isArray(logs) || logs.length === 0) return;
  const dir = path.join(resultsDir, 'integration-logs');
  for (const { relativePath, contents } of logs) {
    const target = path.join(dir, relativePath);
    if (!target.startsWith(dir + path.sep)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, contents);
  }
  log(`integration: workbench logs saved to ${path.relative(process.cwd(), dir)}`);
}
