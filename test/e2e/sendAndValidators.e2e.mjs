// A person opens a .http file, clicks Send Request, reads the response, and finds the
// resource's ETag in the Validators view.
import { startDemo, writeHttpFile } from './demoWorkspace.mjs';

export const title = 'Send Request lens shows the response, and the Validators view lists the ETag';

export default async function ({ page, repoRoot, workspaceDir, openFile, clickCodeLens, waitForText, runCommand, screenshot }) {
  const demo = await startDemo(repoRoot);
  try {
    const file = writeHttpFile(workspaceDir, 'read-item.http', [
      '### Read the item and its validators',
      '# @name readItem',
      `GET ${demo.url}/items/1`,
      'Accept: application/json',
      '',
      '### Update it only if nobody changed it since',
      `PUT ${demo.url}/items/1`,
      'If-Match: {{readItem.response.headers.ETag}}',
      'Content-Type: application/json',
      '',
      '{ "title": "Quarterly report", "status": "final" }',
    ]);
    await openFile(file);
    await clickCodeLens('Send Request');
    await waitForText('HTTP 200 OK');
    await screenshot('send-response');

    await runCommand('Precondition Doctor: Focus on Validators View');
    await page.getByRole('treeitem', { name: /\/items\/1/ }).first().waitFor({ timeout: 15_000 });
    await page.getByRole('treeitem', { name: /\/items\/1/ }).first().click();
    await waitForText('strong');
    await screenshot('validators-view');
  } finally {
    await demo.close();
  }
}
