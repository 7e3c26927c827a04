// The counterpart of test/untrusted/workspaceSettings.test.ts: in a trusted workspace a
// workspace value of preconditionDoctor.rejectUnauthorized does count.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SendResult } from '../../src/core/http/types';
import { activateExtension, closeAllEditors, openHttpFile } from './support';
import { startSelfSignedServer, type SelfSignedServer } from './localTls';

describe('Trusted workspace: settings from the workspace folder', () => {
  let tls: SelfSignedServer;
  before(async () => {
    await activateExtension();
    tls = await startSelfSignedServer();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('preconditionDoctor').update('rejectUnauthorized', undefined, vscode.ConfigurationTarget.Workspace);
    await tls.close();
    await closeAllEditors();
  });

  it('turns certificate checks off with a workspace value of rejectUnauthorized', async () => {
    const editor = await openHttpFile('self-signed.http', `GET ${tls.url}/self-signed\n`);
    const send = () => vscode.commands.executeCommand<SendResult>('preconditionDoctor.sendRequest', editor.document.uri, 0);
    const checked = await send();
    assert.strictEqual(checked.status, 0);
    assert.match(checked.error ?? '', /self-signed certificate/);

    await vscode.workspace.getConfiguration('preconditionDoctor').update('rejectUnauthorized', false, vscode.ConfigurationTarget.Workspace);
    const unchecked = await send();
    assert.strictEqual(unchecked.status, 200, unchecked.error);
    assert.strictEqual(unchecked.bodyText, 'answered over TLS');
  });
});
