// A folder's .vscode/settings.json is as untrusted as its .http files: in restricted mode its
// values of preconditionDoctor.rejectUnauthorized, followRedirects and environments don't count
// (package.json: capabilities.untrustedWorkspaces.restrictedConfigurations).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SendResult } from '../../src/core/http/types';
import { activateExtension, startServer, type LocalServer } from '../integration/support';
import { startSelfSignedServer, type SelfSignedServer } from '../integration/localTls';

describe('untrusted workspace: settings from the workspace folder', () => {
  let server: LocalServer;
  let tls: SelfSignedServer;
  let uri: vscode.Uri;

  const send = (line: number) => vscode.commands.executeCommand<SendResult>('preconditionDoctor.sendRequest', uri, line);

  before(async () => {
    await activateExtension();
    server = await startServer((request, response) => {
      if (request.url === '/redirect') {
        response.writeHead(302, { Location: '/redirected' });
        response.end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end('ok');
    });
    tls = await startSelfSignedServer();
    await vscode.workspace
      .getConfiguration('preconditionDoctor')
      .update('environments', { local: { baseUrl: server.url, tlsBaseUrl: tls.url } }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('preconditionDoctor.selectEnvironment', 'local');
    uri = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'workspaceSettings.http'));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('preconditionDoctor').update('environments', undefined, vscode.ConfigurationTarget.Global);
    await server.close();
    await tls.close();
  });

  it('the settings file says otherwise, and restricted mode hides it even from inspect()', () => {
    const onDisk = JSON.parse(fs.readFileSync(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json'), 'utf8'));
    assert.strictEqual(onDisk['preconditionDoctor.rejectUnauthorized'], false);
    assert.strictEqual(onDisk['preconditionDoctor.followRedirects'], true);
    const config = vscode.workspace.getConfiguration('preconditionDoctor');
    assert.strictEqual(config.inspect('rejectUnauthorized')?.workspaceValue, undefined);
    assert.strictEqual(config.get('rejectUnauthorized'), true);
  });

  it('checks certificates although the workspace turns rejectUnauthorized off', async () => {
    const result = await send(3);
    assert.strictEqual(result.status, 0);
    assert.match(result.error ?? '', /self-signed certificate/);
    assert.match(result.error ?? '', /preconditionDoctor\.rejectUnauthorized/);
    assert.strictEqual(tls.requests, 0);
  });

  it('does not follow redirects although the workspace turns followRedirects on', async () => {
    const result = await send(6);
    assert.strictEqual(result.status, 302, result.error);
    assert.deepStrictEqual(server.requests.map((request) => request.url), ['/redirect']);
  });

  it('does not see variables the workspace settings define', async () => {
    const result = await send(9);
    assert.strictEqual(result.status, 0);
    assert.match(result.error ?? '', /line 11: .*'fromWorkspaceSettings' is not defined/);
  });
});
