// In an untrusted workspace no request leaves for a remote host before the user said yes:
// not the user's sends, and not the probes, comparisons and refreshes made on their behalf.
// gate-check.invalid never resolves (RFC 6761), so even a gate that failed would reach nothing.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SendResult } from '../../src/core/http/types';
import { answerDialog, harnessCanAnswer, notificationsContaining } from '../integration/workbenchActions';

const EXTENSION_ID = 'precondition-doctor.precondition-doctor';
const URL = 'http://gate-check.invalid/r';
const NOT_SENT = 'Not sent: sending';

const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`preconditionDoctor.${command}`, ...args);

async function gateFile(): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'gate.http');
  await vscode.workspace.fs.writeFile(uri, Buffer.from(`PUT ${URL}\nIf-Match: "stale"\nContent-Type: application/json\n\n{"a": 1}\n`));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/** Runs `command`, answers the trust gate's dialog with Cancel, and returns what the dialog said and what the command returned. */
async function refusedAtTheGate<T>(command: () => Thenable<T>): Promise<{ message: string; result: T }> {
  const { dialog, result } = await answerDialog('Cancel', command);
  return { message: dialog.message, result };
}

describe('untrusted workspace: the trust gate stands before every request', function () {
  this.timeout(60_000);

  before(async function () {
    if (!harnessCanAnswer()) this.skip(); // a modal needs the harness to answer it
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });
  beforeEach(() => vscode.commands.executeCommand('notifications.clearAll'));
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('Refresh Validator asks before its HEAD, and sends nothing when refused', async () => {
    const { message, result } = await refusedAtTheGate(() => run<unknown>('refreshValidator', URL));
    assert.strictEqual(message, 'This workspace is not trusted. Send HEAD to gate-check.invalid?');
    assert.strictEqual(result, undefined);
    const shown = await notificationsContaining(NOT_SENT);
    assert.ok(shown.some((m) => m.includes(`Couldn't refresh ${URL}: Not sent: sending HEAD to gate-check.invalid`)), shown.join(' | '));
  });

  it('Compare with Server asks before its GET, and opens no diff when refused', async () => {
    await gateFile();
    const { message, result } = await refusedAtTheGate(() => run<unknown>('compareWithServer'));
    assert.strictEqual(message, 'This workspace is not trusted. Send GET to gate-check.invalid?');
    assert.strictEqual(result, undefined);
    assert.ok(!(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff), 'no diff opened');
    const shown = await notificationsContaining(NOT_SENT);
    assert.ok(shown.some((m) => m.includes("Couldn't read the server's version: Not sent: sending GET to gate-check.invalid")), shown.join(' | '));
  });

  it('Fetch fresh ETag asks before its probe, and edits nothing when refused', async () => {
    const document = await gateFile();
    const { message, result } = await refusedAtTheGate(() => run<unknown>('fetchEtagAndUpdateIfMatch', document.uri, 0));
    assert.strictEqual(message, 'This workspace is not trusted. Send HEAD to gate-check.invalid?');
    assert.strictEqual(result, undefined);
    assert.strictEqual(document.lineAt(1).text, 'If-Match: "stale"');
    assert.strictEqual(document.isDirty, false);
    const shown = await notificationsContaining(NOT_SENT);
    assert.ok(shown.some((m) => m.includes("Couldn't fetch the ETag: Not sent: sending HEAD to gate-check.invalid")), shown.join(' | '));
  });

  it('Refresh & Retry asks before its probe, and reports that nothing was sent', async () => {
    const document = await gateFile();
    const { message, result } = await refusedAtTheGate(() => run<SendResult>('refreshAndRetry', document.uri, 0));
    assert.strictEqual(message, 'This workspace is not trusted. Send HEAD to gate-check.invalid?');
    assert.strictEqual(result.status, 0);
    assert.match(result.error ?? '', /^Not sent: sending HEAD to gate-check\.invalid from an untrusted workspace was not allowed\.$/);
  });
});
