// Fixes that converge: every preferred fix and every report button leads to a 2xx against
// the demo API (or is not offered), each menu offers a fix once, and state follows the
// latest exchange.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SendResult } from '../../src/core/http/types';
import type { DemoServer } from '../../src/demo/server';
import type { PreconditionDoctorApi } from '../../src/extension';
import { activateExtension, apply, diagnostic, fixesAt, openHttpFile, ours, post, send, useDemoApi, waitFor } from './support';
import { answerDialog, harnessCanAnswer, notificationsContaining } from './workbenchActions';

function titlesOf(fixes: vscode.CodeAction[]): string[] {
  return fixes.map((fix) => fix.title);
}

function assertNoDuplicates(fixes: vscode.CodeAction[]): void {
  const titles = titlesOf(fixes);
  assert.deepStrictEqual(titles, [...new Set(titles)], `duplicate titles in: ${titles.join(' | ')}`);
}

/** Example 01 and 02 in short: `get` on line 1, the PUT that uses its tag on line 5. */
const REFERENCE_STORY = (base: string, acceptEncoding: string) =>
  `# @name get\nGET ${base}\nAccept-Encoding: ${acceptEncoding}\n###\nPUT ${base}\nContent-Type: application/json\nIf-Match: {{get.response.headers.ETag}}\n\n{"id": "1", "title": "mine"}\n`;
const PUT_LINE = 4;

async function currentTag(url: string): Promise<string> {
  const editor = await openHttpFile(`converge-peek-${Date.now()}.http`, `GET ${url}\nAccept-Encoding: identity\n`);
  return (await send(editor.document.uri, 0)).responseHeaders['etag'];
}

describe('Fixes that converge', () => {
  const demoApi = useDemoApi();
  let demo: DemoServer;
  beforeEach(() => {
    demo = demoApi();
  });

  it('a weak tag under a 412 and its lint: each fix is offered once', async () => {
    const base = `${demo.url}/nginx-gzip/items/1`;
    const read = await send((await openHttpFile('converge-weak-read.http', `GET ${base}\nAccept-Encoding: gzip\n`)).document.uri, 0);
    const weakTag = read.responseHeaders['etag'];
    const editor = await openHttpFile('converge-weak.http', `PUT ${base}\nIf-Match: ${weakTag}\nContent-Type: application/json\n\n{"name": "gz"}\n`);
    const uri = editor.document.uri;
    await diagnostic(uri, 'weak-etag-in-if-match');
    assert.strictEqual((await send(uri, 0)).status, 412);
    const stale = await diagnostic(uri, 'stale-if-match');
    const fixes = await fixesAt(uri, stale.range);
    assert.ok(titlesOf(fixes).includes('Fetch fresh ETag and update If-Match'), titlesOf(fixes).join(' | '));
    assertNoDuplicates(fixes);
  });

  it('a weak literal tag with its strong form known: the strong tag is offered once, not under two titles', async () => {
    const base = `${demo.url}/nginx-gzip/items/1`;
    const strong = await currentTag(base);
    const read = await send((await openHttpFile('converge-weak2-read.http', `GET ${base}\nAccept-Encoding: gzip\n`)).document.uri, 0);
    const editor = await openHttpFile('converge-weak2.http', `PUT ${base}\nIf-Match: ${read.responseHeaders['etag']}\nContent-Type: application/json\n\n{"name": "gz"}\n`);
    const uri = editor.document.uri;
    await diagnostic(uri, 'weak-etag-in-if-match');
    assert.strictEqual((await send(uri, 0)).status, 412);
    const fixes = await fixesAt(uri, (await diagnostic(uri, 'stale-if-match')).range);
    const writingStrong = fixes.filter((fix) => fix.edit?.entries().some(([, edits]) => edits.some((edit) => edit.newText === strong)));
    assert.strictEqual(writingStrong.length, 1, titlesOf(fixes).join(' | '));
    assert.ok(writingStrong[0].isPreferred);
    await apply(writingStrong[0]);
    assert.strictEqual((await send(uri, 0)).status, 200);
  });

  it('a 428 is explained as a 428', async () => {
    const editor = await openHttpFile('converge-428.http', `PUT ${demo.url}/required/items/1\nContent-Type: application/json\n\n{"name": "required"}\n`);
    const uri = editor.document.uri;
    assert.strictEqual((await send(uri, 0)).status, 428);
    const fixes = await fixesAt(uri, (await diagnostic(uri, 'precondition-required')).range);
    assert.ok(titlesOf(fixes).includes('Explain this 428'), titlesOf(fixes).join(' | '));
    assert.ok(!titlesOf(fixes).includes('Explain this 412'));
    assertNoDuplicates(fixes);
  });

  describe('a weak tag through {{get.response…}} (example 02)', () => {
    async function failedStory(name: string): Promise<vscode.TextEditor> {
      const editor = await openHttpFile(name, REFERENCE_STORY(`${demo.url}/nginx-gzip/items/1`, 'gzip'));
      assert.match((await send(editor.document.uri, 1)).responseHeaders['etag'], /^W\//);
      assert.strictEqual((await send(editor.document.uri, PUT_LINE)).status, 412);
      return editor;
    }

    it('the preferred fix leads to 200, and re-sending the gzip request is not offered', async () => {
      const editor = await failedStory('converge-02-fix.http');
      const uri = editor.document.uri;
      const stale = await diagnostic(uri, 'stale-if-match');
      const fixes = await fixesAt(uri, stale.range);
      assertNoDuplicates(fixes);
      assert.ok(!titlesOf(fixes).some((title) => title.startsWith("Re-send request 'get'")), titlesOf(fixes).join(' | '));
      const preferred = fixes.filter((fix) => fix.isPreferred);
      assert.deepStrictEqual(titlesOf(preferred), ['Fetch fresh ETag and update If-Match']);
      assert.match(String(await apply(preferred[0])), /^"/, 'the fix wrote a strong tag');
      assert.strictEqual((await send(uri, PUT_LINE)).status, 200);
    });

    it('each report button that fixes leads to 200, Refresh & Retry without asking (nobody else changed anything)', async () => {
      const api = await activateExtension();
      const editor = await failedStory('converge-02-report.http');
      const uri = editor.document.uri;
      await vscode.commands.executeCommand('preconditionDoctor.explainFailure', uri, PUT_LINE);
      const [fix, retry] = api.report().buttons;
      assert.strictEqual(fix.title, 'Fetch fresh ETag and update If-Match');
      assert.ok(await vscode.commands.executeCommand(fix.command, ...fix.args), 'the primary button did not refuse');
      assert.strictEqual((await send(uri, PUT_LINE)).status, 200);

      await post(`${demo.url}/_reset`);
      await send(uri, 1);
      await vscode.workspace.applyEdit(restoreReference(editor.document));
      assert.strictEqual((await send(uri, PUT_LINE)).status, 412);
      await vscode.commands.executeCommand('preconditionDoctor.explainFailure', uri, PUT_LINE);
      assert.strictEqual(retry.title, 'Refresh & Retry');
      // No options: the write guard would ask (and the test host refuses dialogs), so a 200 proves it did not.
      const retried = await vscode.commands.executeCommand<SendResult | undefined>(retry.command, ...retry.args);
      assert.strictEqual(retried?.status, 200);
    });
  });

  describe('another client changed the document (example 01)', () => {
    async function failedStory(name: string): Promise<vscode.TextEditor> {
      // A fresh document and no recorded history for it: the demo's tags repeat after a reset, so
      // an earlier suite's own PUT could have recorded the very tag "another client" makes here.
      await post(`${demo.url}/_reset`);
      await vscode.commands.executeCommand('preconditionDoctor.forgetValidator', `${demo.url}/items/1`);
      const editor = await openHttpFile(name, REFERENCE_STORY(`${demo.url}/items/1`, 'identity'));
      await send(editor.document.uri, 1);
      await post(`${demo.url}/_simulate/edit/items/1`);
      assert.strictEqual((await send(editor.document.uri, PUT_LINE)).status, 412);
      return editor;
    }

    it('the preferred fix re-sends get, the 412 clears at once, the fix says it replaces their change, and the resend succeeds', async () => {
      const editor = await failedStory('converge-01-fix.http');
      const uri = editor.document.uri;
      const stale = await diagnostic(uri, 'stale-if-match');
      const fixes = await fixesAt(uri, stale.range);
      assertNoDuplicates(fixes);
      const preferred = fixes.filter((fix) => fix.isPreferred);
      assert.deepStrictEqual(titlesOf(preferred), ["Re-send request 'get' to refresh {{get.response…}}"]);
      await apply(preferred[0]);
      await waitFor(() => (ours(uri).some((d) => d.code === 'stale-if-match') ? undefined : true), 'the 412 diagnostic to go once its fix was applied');
      if (harnessCanAnswer()) {
        const notices = await notificationsContaining('replaces their change');
        const notice = notices.find((message) => message.includes('replaces their change'));
        assert.match(notice ?? `no such notification among ${JSON.stringify(notices)}`, /another client saved/);
      }
      assert.strictEqual((await send(uri, PUT_LINE)).status, 200);
    });

    it('Refresh & Retry asks before re-sending, and sends nothing when the question is refused', async () => {
      const api = await activateExtension();
      const editor = await failedStory('converge-01-guard.http');
      const uri = editor.document.uri;
      const theirs = await currentTag(`${demo.url}/items/1`);
      await vscode.window.showTextDocument(editor.document);
      if (harnessCanAnswer()) {
        const { dialog, result } = await answerDialog('Cancel', () => vscode.commands.executeCommand('preconditionDoctor.refreshAndRetry', uri, PUT_LINE));
        assert.match(dialog.message, /replaces their change/);
        assert.ok(dialog.buttons.includes('Compare first') && dialog.buttons.includes('Overwrite'), dialog.buttons.join(' | '));
        assert.strictEqual(result, undefined);
      } else {
        // The test host refuses the dialog (as undefined, or by rejecting): either way nothing may be sent.
        const result = await vscode.commands.executeCommand('preconditionDoctor.refreshAndRetry', uri, PUT_LINE).then((r) => r, () => undefined);
        assert.strictEqual(result, undefined);
      }
      assert.strictEqual(await currentTag(`${demo.url}/items/1`), theirs, 'nothing was re-sent');

      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('preconditionDoctor.explainFailure', uri, PUT_LINE);
      const retried = await vscode.commands.executeCommand<SendResult>('preconditionDoctor.refreshAndRetry', uri, PUT_LINE, { confirmOverwrite: false });
      assert.strictEqual(retried.status, 200);
      // State follows the latest exchange: diagnostics, the status bar and the report.
      await waitFor(() => (ours(uri).some((d) => d.code === 'stale-if-match') ? undefined : true), 'the 412 diagnostic to clear after the retry');
      await waitFor(() => api.statusBarRequestText()?.includes('200'), `the status bar to show 200, not ${api.statusBarRequestText()}`);
      await waitFor(() => /\*\*Resolved:\*\* PUT answered 200/.test(api.report().markdown), 'the report to mark itself resolved');
      assert.ok(!api.report().buttons.some((button) => button.title === 'Refresh & Retry'), 'no retry button on a resolved report');
    });
  });

  it('our own write is ours: no "newer ETag" from another client, no "changed" badge', async () => {
    const api: PreconditionDoctorApi = await activateExtension();
    const url = `${demo.url}/items/2`;
    const tag = await currentTag(url);
    const editor = await openHttpFile('converge-own.http', `PUT ${url}\nIf-Match: ${tag}\nContent-Type: application/json\n\n{"id": "2", "title": "mine"}\n`);
    const uri = editor.document.uri;
    const written = await send(uri, 0);
    assert.strictEqual(written.status, 200);
    const lenses = await waitFor(async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
      return all.some((lens) => lens.command?.title.includes(written.responseHeaders['etag'])) ? all : undefined;
    }, 'the lens about the new tag');
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    assert.ok(!titles.some((title) => title.includes('Server has a newer ETag')), titles.join(' | '));
    assert.ok(titles.some((title) => title.includes('Your PUT → 200')), titles.join(' | '));
    assert.doesNotMatch(api.validatorRow(url)?.description ?? '', /changed/);

    await post(`${demo.url}/_simulate/edit/items/2`);
    await currentTag(url);
    assert.match(api.validatorRow(url)?.description ?? '', /changed by another client since \d\d:\d\d:\d\d \(seen in GET → 200\)/);
  });
});

/** Puts `{{get.response.headers.ETag}}` back where a fix wrote `{{$etag}}`. */
function restoreReference(document: vscode.TextDocument): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const line = document.lineAt(PUT_LINE + 2);
  edit.replace(document.uri, line.range, 'If-Match: {{get.response.headers.ETag}}');
  return edit;
}
