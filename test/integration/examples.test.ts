import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SendResult } from '../../src/core/http/types';
import { activateExtension, closeAllEditors, waitFor } from './support';

describe('Open Examples: the walkthrough works from an installed extension', () => {
  before(activateExtension);
  after(async () => {
    await vscode.commands.executeCommand('preconditionDoctor.selectEnvironment', '');
    await vscode.commands.executeCommand('preconditionDoctor.stopDemoApi');
    await closeAllEditors();
  });

  it('copies the examples, starts the demo API, selects `demo`, and the first example reaches a 412', async () => {
    const folder = await vscode.commands.executeCommand<vscode.Uri>('preconditionDoctor.openExamples');
    assert.ok(folder);
    const editor = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active?.document.fileName.endsWith('01-changed-by-another-client.http') ? active : undefined;
    }, 'the first example');
    const requests = editor.document.getText().split('\n');
    const lineOf = (text: string) => requests.findIndex((line) => line.startsWith(text));
    const uri = editor.document.uri;
    const read = await vscode.commands.executeCommand<SendResult>('preconditionDoctor.sendRequest', uri, lineOf('GET {{baseUrl}}/items/1'));
    assert.strictEqual(read.status, 200, read.error);
    await vscode.commands.executeCommand('preconditionDoctor.sendRequest', uri, lineOf('POST {{baseUrl}}/_simulate/edit/items/1'));
    const update = await vscode.commands.executeCommand<SendResult>('preconditionDoctor.sendRequest', uri, lineOf('PUT {{baseUrl}}/items/1'));
    assert.strictEqual(update.status, 412);
  });

  it('Open Examples copies every example, the README and the env file into the folder it offers to open', async () => {
    const folder = await vscode.commands.executeCommand<vscode.Uri>('preconditionDoctor.openExamples');
    assert.ok(folder);
    const names = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).sort();
    const examples = names.filter((name) => name.endsWith('.http'));
    assert.strictEqual(examples.length, 8, names.join(', '));
    for (const name of ['README.md', 'http-client.env.json', '01-changed-by-another-client.http', '08-azure-condition-not-met.http']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
  });

  it('Open Settings shows this extension\'s settings', async () => {
    await vscode.commands.executeCommand('preconditionDoctor.openSettings');
    await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label.includes('Settings') || undefined, 'the settings editor');
  });
});
