// `< file` bodies in restricted mode: a .http file anyone could have written must not send
// files from outside the workspace folder, whether it names them by ../, by an absolute path
// or through a link committed into the folder.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SendResult } from '../../src/core/http/types';
import { activateExtension, startServer, type LocalServer } from '../integration/support';

describe('untrusted workspace: body files', () => {
  let server: LocalServer;
  const bodies: string[] = [];
  let root: string;
  let document: vscode.TextDocument;
  let textOnDisk: string;

  const send = (line: number) => vscode.commands.executeCommand<SendResult>('preconditionDoctor.sendRequest', document.uri, line);

  before(async () => {
    await activateExtension();
    server = await startServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        bodies.push(body);
        response.writeHead(200, { 'Content-Type': 'text/plain' });
        response.end('received');
      });
    });
    // The user's own settings still count in restricted mode: that is where the URL comes from.
    await vscode.workspace.getConfiguration('preconditionDoctor').update('environments', { local: { baseUrl: server.url } }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('preconditionDoctor.selectEnvironment', 'local');
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    fs.writeFileSync(path.join(root, '..', 'outside.txt'), 'a secret next to the workspace folder');
    fs.symlinkSync(path.join(root, '..', 'outside.txt'), path.join(root, 'outside-link.txt'));
    const uri = vscode.Uri.file(path.join(root, 'bodies.http'));
    textOnDisk = fs.readFileSync(uri.fsPath, 'utf8');
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('preconditionDoctor').update('environments', undefined, vscode.ConfigurationTarget.Global);
    await server.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const refusals: Array<[string, number, RegExp]> = [
    ['../ out of the folder', 2, /^line 6: can't read body file '\.\.\/outside\.txt': it is outside the workspace folder, and an untrusted workspace may only read files inside it\. Trust the workspace to send it\.$/],
    ['an absolute path', 8, /^line 12: can't read body file '\/etc\/hostname': it is outside the workspace folder/],
    ['a link inside the folder that leads outside', 14, /^line 18: can't read body file '\.\/outside-link\.txt': it is outside the workspace folder \(it leads to .*outside\.txt\)/],
  ];
  for (const [what, line, message] of refusals) {
    it(`refuses ${what}, naming the line and sending nothing`, async () => {
      if (line === 8) assert.ok(fs.existsSync('/etc/hostname'), 'this test needs /etc/hostname to exist');
      const result = await send(line);
      assert.strictEqual(result.status, 0);
      assert.match(result.error ?? '', message);
      assert.strictEqual(server.requests.length, 0);
      assert.strictEqual(document.isDirty, false);
      assert.strictEqual(fs.readFileSync(document.uri.fsPath, 'utf8'), textOnDisk);
    });
  }

  it('sends a body file inside the folder', async () => {
    const result = await send(20);
    assert.strictEqual(result.status, 200, result.error);
    assert.strictEqual(server.requests.length, 1);
    assert.strictEqual(bodies[0], 'the body of a file inside the workspace folder\n');
  });
});
