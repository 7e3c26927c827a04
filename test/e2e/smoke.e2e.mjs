// E2E smoke: a person opens sample.http and sees it in an editor, and the empty
// Validators view greets them with a way to start.
// The module API (openFile, clickCodeLens, runCommand, screenshot, …) is described
// in test/harness/README.md.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export const title = 'opens sample.http in an editor; the empty Validators view offers the examples';

export default async function ({ openFile, editorText, runCommand, waitFor, waitForText, screenshot, workspaceDir }) {
  const editor = await openFile('sample.http');
  await waitFor(`${editor} .codelens-decoration a`);
  const firstLine = fs.readFileSync(path.join(workspaceDir, 'sample.http'), 'utf8').split('\n')[0];
  assert.equal((await editorText(editor)).split('\n')[0], firstLine);
  await screenshot('smoke-sample-http');
  await runCommand('Precondition Doctor: Focus on Validators View');
  await waitForText('No validators recorded yet');
  await waitForText('Open Examples');
  await screenshot('validators-welcome');
}
