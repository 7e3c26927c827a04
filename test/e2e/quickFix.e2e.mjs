// A person's 412: the stale tag is underlined, the lightbulb offers the fix, and after
// applying it the resend succeeds.
import assert from 'node:assert/strict';
import { post, startDemo, writeHttpFile } from './demoWorkspace.mjs';

export const title = 'a 412 is underlined, the quick fix rewrites If-Match, and the resend succeeds';

export default async function ({ page, repoRoot, workspaceDir, openFile, clickCodeLens, openQuickFixes, waitForText, waitFor, editorText, screenshot }) {
  const demo = await startDemo(repoRoot);
  try {
    const read = await fetch(`${demo.url}/items/2`);
    const staleTag = read.headers.get('etag');
    await read.arrayBuffer();
    await post(`${demo.url}/_simulate/edit/items/2`);
    const file = writeHttpFile(workspaceDir, 'stale-update.http', [
      '### Update with the tag read before another client changed it',
      `PUT ${demo.url}/items/2`,
      `If-Match: ${staleTag}`,
      'Content-Type: application/json',
      '',
      '{ "title": "Team offsite", "status": "confirmed" }',
    ]);
    const editor = await openFile(file);
    await clickCodeLens('Send Request');
    await waitForText('HTTP 412');
    await waitFor(`${editor} .squiggly-error`);

    // Put the cursor on the underlined tag (line 3) and open the quick fix menu.
    await openQuickFixes(3, 'Fetch fresh ETag and update If-Match');
    await screenshot('quick-fix-menu');
    // The menu opens on the preferred fix; Enter applies it, as a person would.
    const focused = await page.locator('.action-widget .monaco-list-row.focused').innerText();
    assert.match(focused, /Fetch fresh ETag and update If-Match/);
    await page.keyboard.press('Enter');

    await page.waitForFunction(
      ({ selector, stale }) => {
        const text = document.querySelector(selector)?.textContent ?? '';
        return text.includes('If-Match:') && !text.includes(stale);
      },
      { selector: `${editor} .view-lines`, stale: staleTag },
      { timeout: 15_000 },
    );
    assert.ok(!(await editorText(editor)).includes(staleTag), 'the stale tag was replaced');
    await clickCodeLens('Send Request');
    await waitForText('HTTP 200 OK');
    await screenshot('after-fix');
  } finally {
    await demo.close();
  }
}
