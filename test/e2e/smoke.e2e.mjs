// E2E smoke: a person opens sample.http and sees it in an editor.
// The module API (openFile, clickCodeLens, runCommand, screenshot, …) is described
// in test/harness/README.md.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export const title = 'opens sample.http in an editor';

export default async function ({ openFile, editorText, screenshot, workspaceDir }) {
  const editor = await openFile('sample.http');
  const firstLine = fs.readFileSync(path.join(workspaceDir, 'sample.http'), 'utf8').split('\n')[0];
  assert.equal((await editorText(editor)).split('\n')[0], firstLine);
  await screenshot('smoke-sample-http');
}
