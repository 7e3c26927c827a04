// A new user's first minutes: an undefined {{baseUrl}} that an environment defines is one
// click away from working, and the New Example file's first request succeeds.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SendResult } from '../../src/core/http/types';
import { openHttpFile, useDemoApi, waitFor, writeWorkspaceFile } from './support';

const SELECT_ENVIRONMENT = 'preconditionDoctor.selectEnvironment';

function unresolved(uri: vscode.Uri): vscode.Diagnostic | undefined {
  return vscode.languages.getDiagnostics(uri).find((d) => d.source === 'Precondition Doctor' && d.code === 'unresolved-variable');
}

describe('First run: Select environment quick fix and the New Example file', () => {
  const demoApi = useDemoApi();
  afterEach(() => vscode.commands.executeCommand(SELECT_ENVIRONMENT, ''));

  it("offers Select environment 'demo' on an undefined {{baseUrl}}; applying it selects demo, clears the warning, and the send succeeds", async () => {
    await vscode.commands.executeCommand(SELECT_ENVIRONMENT, '');
    await writeWorkspaceFile('first-run/http-client.env.json', JSON.stringify({ demo: { baseUrl: demoApi().url }, other: { token: 'x' } }));
    const editor = await openHttpFile('first-run/read.http', 'GET {{baseUrl}}/items/1\n');
    const uri = editor.document.uri;
    const warning = await waitFor(() => unresolved(uri), 'the unresolved-variable warning');
    assert.equal(editor.document.getText(warning.range), '{{baseUrl}}');
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);

    const fixes = await waitFor(async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, warning.range);
      return actions.some((a) => a.title.startsWith('Select environment')) ? actions : undefined;
    }, 'a Select environment quick fix');
    const titles = fixes.filter((a) => a.title.startsWith('Select environment')).map((a) => a.title);
    assert.deepEqual(titles, ["Select environment 'demo'"], 'only the environment that defines baseUrl');
    const fix = fixes.find((a) => a.title === "Select environment 'demo'")!;
    assert.equal(fix.isPreferred, true);
    await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? []));

    await waitFor(() => (unresolved(uri) ? undefined : true), 'the warning to go away');
    const result = await vscode.commands.executeCommand<SendResult>('preconditionDoctor.sendRequest', uri, 0);
    assert.equal(result.status, 200, result.error);
  });

  it('offers no Select environment fix when no environment defines the variable', async () => {
    await writeWorkspaceFile('first-run-none/http-client.env.json', JSON.stringify({ demo: { baseUrl: demoApi().url } }));
    const editor = await openHttpFile('first-run-none/read.http', 'GET {{host}}/items/1\n');
    const warning = await waitFor(() => unresolved(editor.document.uri), 'the unresolved-variable warning');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, warning.range);
    assert.deepEqual(actions.filter((a) => a.title.startsWith('Select environment')), []);
  });

  it("New Example .http File: its first request answers 2xx from the demo API", async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('preconditionDoctor.openExampleFile');
    const line = editor.document.getText().split('\n').findIndex((text) => /^GET /.test(text));
    assert.ok(line > 0, 'the example has a GET');
    const result = await vscode.commands.executeCommand<SendResult>('preconditionDoctor.sendRequest', editor.document.uri, line);
    assert.ok(result.status >= 200 && result.status < 300, `${result.method} ${result.url} -> ${result.status} ${result.error ?? ''}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
