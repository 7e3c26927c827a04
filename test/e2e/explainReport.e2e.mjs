// A person's 412, explained: from the lightbulb, "Explain this 412" opens the report
// with the ranked causes and the follow-up actions.
import assert from 'node:assert/strict';
import { post, startDemo, writeHttpFile } from './demoWorkspace.mjs';

export const title = 'Explain this 412 opens the report with ranked causes';

export default async function ({ page, repoRoot, workspaceDir, openFile, clickCodeLens, openQuickFixes, waitForText, waitFor, screenshot }) {
  const demo = await startDemo(repoRoot);
  try {
    const read = await fetch(`${demo.url}/items/1`);
    const staleTag = read.headers.get('etag');
    await read.arrayBuffer();
    const file = writeHttpFile(workspaceDir, 'explain-me.http', [
      '### Read the document',
      `GET ${demo.url}/items/1`,
      '',
      '### Save, guarded by the tag read above',
      `PUT ${demo.url}/items/1`,
      `If-Match: ${staleTag}`,
      'Content-Type: application/json',
      '',
      '{ "title": "Quarterly report", "status": "final" }',
    ]);
    const editor = await openFile(file);
    await clickCodeLens('Send Request');
    await waitForText('HTTP 200 OK');
    // Meanwhile another client saves a change; then our PUT, with the tag we read.
    await post(`${demo.url}/_simulate/edit/items/1`);
    await page.locator(`${editor} .codelens-decoration a`, { hasText: 'Send Request' }).nth(1).click();
    await waitForText('HTTP 412');
    await waitFor(`${editor} .squiggly-error`);
    await openQuickFixes(6, 'Explain this 412');
    // Walk down to it with the keyboard: the menu's overlay swallows pointer clicks.
    for (let step = 0; step < 6; step++) {
      if ((await page.locator('.action-widget .monaco-list-row.focused').innerText()).includes('Explain this 412')) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await waitFor('.tab[aria-label^="Explain 412"]', { timeout: 20_000 });
    // The report renders inside the webview's own frames; look for its text in any frame.
    const reportFrame = await waitForFrameWithText(page, 'Refresh & Retry');
    assert.match(await reportFrame.locator('body').innerText(), /Changed by another client/i);
    await screenshot('explain-report');
  } finally {
    await demo.close();
  }
}

async function waitForFrameWithText(page, text, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame.locator('body').innerText({ timeout: 1_000 }).then((body) => body.includes(text), () => false);
      if (found) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no frame shows "${text}" within ${timeoutMs} ms`);
}
