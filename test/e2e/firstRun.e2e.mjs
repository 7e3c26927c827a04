// A new user's first five minutes, opened the way `npm start` opens it: the examples
// workspace (scripts/examplesWorkspace.mjs) with the README first and `demo` selected.
// Sending the first request of 01 works at once, the walkthrough checks "Send a request"
// off, and the Output view shows the extension's log.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIRST_FILE, writeExamplesWorkspace } from '../../scripts/examplesWorkspace.mjs';
import { startDemo } from './demoWorkspace.mjs';

export const title = 'First run: README open, demo selected, first send succeeds, walkthrough checks off';
export const timeout = 110_000;

const FIRST_EXAMPLE = '01-changed-by-another-client.http';

/** The workbench without the title bar, whose "[Extension Development Host]" no user sees. */
async function shotBelowTitleBar(page, resultsDir, name) {
  const box = await page.locator('.part.titlebar').boundingBox().catch(() => null);
  const top = box ? Math.ceil(box.y + box.height) : 0;
  const viewport = page.viewportSize();
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file, clip: { x: 0, y: top, width: viewport.width, height: viewport.height - top } });
  return file;
}

export default async function (t) {
  const { page, repoRoot, workspaceDir, resultsDir, clickCodeLens, waitForText, runCommand, screenshot } = t;
  const demo = await startDemo(repoRoot);
  try {
    for (const entry of fs.readdirSync(workspaceDir)) fs.rmSync(path.join(workspaceDir, entry), { recursive: true, force: true });
    writeExamplesWorkspace({ repoRoot, folder: workspaceDir, demoUrl: demo.url });

    // Reload with the file npm start asks the workbench to open (its `openFile` payload).
    const url = new URL(page.url());
    const payload = JSON.parse(url.searchParams.get('payload'));
    const remote = payload[0][1].replace(/^(vscode-remote:\/\/[^/]+).*$/, '$1');
    payload.push(['openFile', `${remote}${path.join(workspaceDir, FIRST_FILE)}`]);
    url.searchParams.set('payload', JSON.stringify(payload));
    await page.goto(url.href, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.locator('.tabs-container .tab', { hasText: 'README' }).first().waitFor({ timeout: 30_000 });
    await screenshot('first-run-readme');

    // The walkthrough, open from the start as a new user would have it.
    await runCommand('Precondition Doctor: Open Walkthrough');
    // The workbench marks a done step with aria-checked (and a check icon).
    const sendStep = (checked) => page.locator(`.getting-started-step[aria-checked="${checked}"]`, { hasText: 'Send a request' }).first();
    await sendStep(false).waitFor({ state: 'attached', timeout: 15_000 });

    // As a user would: from the Explorer, with the walkthrough beside.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FIRST_EXAMPLE }).first().dblclick();
    await page.waitForSelector(`.editor-group-container.active .monaco-editor[data-uri$="${FIRST_EXAMPLE}"] .view-lines`, { timeout: 15_000 });
    await page.locator('.statusbar-item', { hasText: /\bdemo$/ }).first().waitFor({ timeout: 15_000 });
    await clickCodeLens('Send Request');
    await waitForText('HTTP 200');
    const statusbar = await page.locator('.part.statusbar').innerText();
    assert.match(statusbar, /demo/, 'the demo environment is shown as selected');
    assert.doesNotMatch(statusbar, /No Environment/);
    await page.waitForTimeout(500);
    await screenshot('first-run-send');
    await shotBelowTitleBar(page, resultsDir, 'walkthrough-send');

    // Request 1 reads /items/1: its ETag fills the Validators view.
    await page.locator(`.editor-group-container.active .monaco-editor[data-uri$="${FIRST_EXAMPLE}"] .codelens-decoration a`, { hasText: /^Send Request$/ }).nth(1).click();
    await page.locator('.tab', { hasText: 'Response: get' }).first().waitFor({ timeout: 15_000 });
    await runCommand('Precondition Doctor: Focus on Validators View');
    await page.getByRole('treeitem', { name: /\/items\/1/ }).first().click();
    await page.waitForTimeout(500);
    await shotBelowTitleBar(page, resultsDir, 'walkthrough-validators');

    // "Send a request" is checked off by those sends.
    await runCommand('Precondition Doctor: Open Walkthrough');
    await sendStep(true).waitFor({ state: 'attached', timeout: 10_000 });
    await page.waitForTimeout(800);
    await screenshot('first-run-walkthrough');

    // The log: the Output view shows our channel's lines in this host too.
    await runCommand('Output: Show Output Channels...', { waitUntilClosed: false });
    await page.keyboard.type('Precondition Doctor');
    await page.keyboard.press('Enter');
    await waitForText('activated');
    await screenshot('first-run-output');
  } finally {
    await demo.close();
  }
}
