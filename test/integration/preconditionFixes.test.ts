// User stories against the demo API: a 412 or 428 lands on the exact text to change,
// the quick fix edits it, and the resend succeeds.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DemoServer } from '../../src/demo/server';
import { apply, diagnostic, fixesAt, openHttpFile, ours, post, send, useDemoApi, waitFor } from './support';

function textOf(document: vscode.TextDocument, range: vscode.Range): string {
  return document.getText(range);
}

async function applyPreferred(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction> {
  const fixes = await fixesAt(uri, range);
  const preferred = fixes.find((fix) => fix.isPreferred);
  assert.ok(preferred, `a preferred fix among: ${fixes.map((f) => f.title).join(' | ')}`);
  await apply(preferred);
  return preferred;
}

describe('After a 412: diagnostics on the exact header, and fixes that make the resend succeed', () => {
  const demoApi = useDemoApi();
  let demo: DemoServer;
  beforeEach(() => {
    demo = demoApi();
  });

  it('another client edits: stale-if-match on the tag, Fetch fresh ETag fixes it, the resend succeeds', async () => {
    const read = await send((await openHttpFile('story-read.http', `GET ${demo.url}/items/1\n`)).document.uri, 0);
    const oldTag = read.responseHeaders['etag'];
    const editor = await openHttpFile('story-stale.http', `PUT ${demo.url}/items/1\nIf-Match: ${oldTag}\nContent-Type: application/json\n\n{"name": "mine"}\n`);
    const uri = editor.document.uri;
    await post(`${demo.url}/_simulate/edit/items/1`);

    const failed = await send(uri, 0);
    assert.strictEqual(failed.status, 412);
    const stale = await diagnostic(uri, 'stale-if-match');
    assert.strictEqual(textOf(editor.document, stale.range), oldTag);
    assert.deepStrictEqual([stale.range.start.line, stale.range.start.character], [1, 10]);
    assert.strictEqual(stale.severity, vscode.DiagnosticSeverity.Error);

    const fixes = await fixesAt(uri, stale.range);
    const titles = fixes.map((fix) => fix.title);
    assert.ok(titles.includes('Fetch fresh ETag and update If-Match'), titles.join(' | '));
    assert.ok(titles.includes('Remove If-Match (testing only: risks lost updates)'));
    assert.ok(titles.includes('Explain this 412'));
    assert.ok(!fixes.find((f) => f.title.startsWith('Remove If-Match'))?.isPreferred, 'removing the precondition is never preferred');

    const preferred = await applyPreferred(uri, stale.range);
    assert.strictEqual(preferred.title, 'Fetch fresh ETag and update If-Match');
    const newTag = editor.document.lineAt(1).text.slice('If-Match: '.length);
    assert.notStrictEqual(newTag, oldTag);
    assert.match(newTag, /^"[^"]+"$/);

    const retried = await send(uri, 0);
    assert.strictEqual(retried.status, 200);
    await waitFor(() => (ours(uri).some((d) => d.code === 'stale-if-match') ? undefined : true), 'the 412 diagnostic to clear');
  });

  it('when a fresher tag is known, the preferred fix writes it, quotes included', async () => {
    const readEditor = await openHttpFile('story-fresh-read.http', `GET ${demo.url}/items/2\n`);
    const oldTag = (await send(readEditor.document.uri, 0)).responseHeaders['etag'];
    await post(`${demo.url}/_simulate/edit/items/2`);
    const freshTag = (await send(readEditor.document.uri, 0)).responseHeaders['etag'];
    const editor = await openHttpFile('story-fresh.http', `PATCH ${demo.url}/items/2\nIf-Match: ${oldTag}\nContent-Type: application/merge-patch+json\n\n{"name": "x"}\n`);
    assert.strictEqual((await send(editor.document.uri, 0)).status, 412);
    const stale = await diagnostic(editor.document.uri, 'stale-if-match');
    assert.match(stale.message, new RegExp(freshTag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const preferred = await applyPreferred(editor.document.uri, stale.range);
    assert.strictEqual(preferred.title, `Replace If-Match with freshest ETag ${freshTag}`);
    assert.strictEqual(editor.document.lineAt(1).text, `If-Match: ${freshTag}`);
    assert.strictEqual((await send(editor.document.uri, 0)).status, 200);
  });

  it('a gzip-weakened tag: a lint before sending, 412 after, and the strong tag fixes it', async () => {
    const base = `${demo.url}/nginx-gzip/items/1`;
    const read = await send((await openHttpFile('story-gzip-read.http', `GET ${base}\nAccept-Encoding: gzip\n`)).document.uri, 0);
    const weakTag = read.responseHeaders['etag'];
    assert.match(weakTag, /^W\//);
    const editor = await openHttpFile('story-gzip.http', `PUT ${base}\nIf-Match: ${weakTag}\nContent-Type: application/json\n\n{"name": "gz"}\n`);
    const uri = editor.document.uri;
    const lint = await diagnostic(uri, 'weak-etag-in-if-match');
    assert.strictEqual(textOf(editor.document, lint.range), weakTag);
    assert.strictEqual(lint.severity, vscode.DiagnosticSeverity.Warning);

    assert.strictEqual((await send(uri, 0)).status, 412);
    const stale = await diagnostic(uri, 'stale-if-match');
    await applyPreferred(uri, stale.range);
    assert.strictEqual(editor.document.lineAt(1).text, `If-Match: ${weakTag.slice(2)}`);
    assert.strictEqual((await send(uri, 0)).status, 200);
  });

  it('an Apache -gzip suffix: the identity tag fixes it', async () => {
    const base = `${demo.url}/apache-gzip/items/1`;
    const read = await send((await openHttpFile('story-suffix-read.http', `GET ${base}\nAccept-Encoding: gzip\n`)).document.uri, 0);
    const suffixed = read.responseHeaders['etag'];
    assert.match(suffixed, /-gzip"$/);
    const editor = await openHttpFile('story-suffix.http', `PUT ${base}\nIf-Match: ${suffixed}\nContent-Type: application/json\n\n{"name": "suffix"}\n`);
    const uri = editor.document.uri;
    assert.strictEqual((await send(uri, 0)).status, 412);
    await applyPreferred(uri, (await diagnostic(uri, 'stale-if-match')).range);
    assert.strictEqual(editor.document.lineAt(1).text, `If-Match: ${suffixed.replace('-gzip"', '"')}`);
    assert.strictEqual((await send(uri, 0)).status, 200);
  });

  it('a stale If-Unmodified-Since: the date is underlined and updated to Last-Modified', async () => {
    const read = await send((await openHttpFile('story-ius-read.http', `GET ${demo.url}/items/1\n`)).document.uri, 0);
    const lastModified = read.responseHeaders['last-modified'];
    const editor = await openHttpFile(
      'story-ius.http',
      `PUT ${demo.url}/items/1\nIf-Unmodified-Since: Sat, 01 Jan 2000 00:00:00 GMT\nContent-Type: application/json\n\n{"name": "dated"}\n`,
    );
    const uri = editor.document.uri;
    assert.strictEqual((await send(uri, 0)).status, 412);
    const stale = await diagnostic(uri, 'stale-if-unmodified-since');
    assert.strictEqual(textOf(editor.document, stale.range), 'Sat, 01 Jan 2000 00:00:00 GMT');
    const preferred = await applyPreferred(uri, stale.range);
    assert.strictEqual(preferred.title, `Update If-Unmodified-Since to ${lastModified}`);
    assert.strictEqual(editor.document.lineAt(1).text, `If-Unmodified-Since: ${lastModified}`);
    assert.strictEqual((await send(uri, 0)).status, 200);
  });

  it('a 428: precondition-required on the request line, and Add If-Match fixes it', async () => {
    const base = `${demo.url}/required/items/1`;
    const tag = (await send((await openHttpFile('story-428-read.http', `GET ${base}\n`)).document.uri, 0)).responseHeaders['etag'];
    const editor = await openHttpFile('story-428.http', `PUT ${base}  \nContent-Type: application/json\n\n{"name": "required"}\n`);
    const uri = editor.document.uri;
    assert.strictEqual((await send(uri, 0)).status, 428);
    const required = await diagnostic(uri, 'precondition-required');
    assert.strictEqual(textOf(editor.document, required.range), `PUT ${base}`);
    const preferred = await applyPreferred(uri, required.range);
    assert.strictEqual(preferred.title, `Add If-Match with freshest ETag ${tag}`);
    assert.strictEqual(editor.document.lineAt(2).text, `If-Match: ${tag}`);
    assert.strictEqual((await send(uri, 0)).status, 200);
  });

  it('an If-Match from a file variable: the fix edits the @variable, not the header', async () => {
    const readEditor = await openHttpFile('story-var-read.http', `GET ${demo.url}/items/2\n`);
    const oldTag = (await send(readEditor.document.uri, 0)).responseHeaders['etag'];
    await post(`${demo.url}/_simulate/edit/items/2`);
    const freshTag = (await send(readEditor.document.uri, 0)).responseHeaders['etag'];
    const editor = await openHttpFile('story-var.http', `@etag = ${oldTag}\n\nPUT ${demo.url}/items/2\nIf-Match: {{etag}}\nContent-Type: application/json\n\n{"name": "var"}\n`);
    const uri = editor.document.uri;
    assert.strictEqual((await send(uri, 2)).status, 412);
    const stale = await diagnostic(uri, 'stale-if-match');
    assert.strictEqual(textOf(editor.document, stale.range), '{{etag}}');
    await applyPreferred(uri, stale.range);
    assert.strictEqual(editor.document.lineAt(0).text, `@etag = ${freshTag}`);
    assert.strictEqual(editor.document.lineAt(3).text, 'If-Match: {{etag}}', 'the reference stays a reference');
    assert.strictEqual((await send(uri, 2)).status, 200);
  });

  it('an If-Match from a response reference: the fix re-sends the named request', async () => {
    const editor = await openHttpFile(
      'story-ref.http',
      `# @name get\nGET ${demo.url}/items/1\n\n###\nPUT ${demo.url}/items/1\nIf-Match: {{get.response.headers.ETag}}\nContent-Type: application/json\n\n{"name": "ref"}\n`,
    );
    const uri = editor.document.uri;
    await send(uri, 1);
    await post(`${demo.url}/_simulate/edit/items/1`);
    assert.strictEqual((await send(uri, 4)).status, 412);
    const stale = await diagnostic(uri, 'stale-if-match');
    const fixes = await fixesAt(uri, stale.range);
    const resend = fixes.find((fix) => fix.title === "Re-send request 'get' to refresh {{get.response…}}");
    assert.ok(resend, fixes.map((f) => f.title).join(' | '));
    assert.ok(!fixes.some((fix) => fix.title.startsWith('Replace If-Match')), 'a {{…}} is never replaced by a literal');
    await apply(resend);
    assert.strictEqual(editor.document.lineAt(5).text, 'If-Match: {{get.response.headers.ETag}}');
    assert.strictEqual((await send(uri, 4)).status, 200);
  });

  it('undo restores the text before a quick fix in one step', async () => {
    const read = await send((await openHttpFile('story-undo-read.http', `GET ${demo.url}/items/1\n`)).document.uri, 0);
    const content = `PUT ${demo.url}/items/1\nIf-Match: ${read.responseHeaders['etag']}\n\n{}\n`;
    const editor = await openHttpFile('story-undo.http', content);
    const uri = editor.document.uri;
    await post(`${demo.url}/_simulate/edit/items/1`);
    assert.strictEqual((await send(uri, 0)).status, 412);
    await applyPreferred(uri, (await diagnostic(uri, 'stale-if-match')).range);
    assert.notStrictEqual(editor.document.getText(), content);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), content);
  });

  it('refuses to edit a document that changed while the fix was fetching', async () => {
    const read = await send((await openHttpFile('story-changed-read.http', `GET ${demo.url}/items/2\n`)).document.uri, 0);
    const editor = await openHttpFile('story-changed.http', `PUT ${demo.url}/items/2\nIf-Match: ${read.responseHeaders['etag']}\n\n{}\n`);
    const uri = editor.document.uri;
    await post(`${demo.url}/_simulate/edit/items/2`);
    assert.strictEqual((await send(uri, 0)).status, 412);
    const stale = await diagnostic(uri, 'stale-if-match');
    const fetchFix = (await fixesAt(uri, stale.range)).find((fix) => fix.title === 'Fetch fresh ETag and update If-Match');
    assert.ok(fetchFix?.command);
    await editor.edit((edit) => edit.insert(new vscode.Position(3, 0), '\n'));
    const before = editor.document.getText();
    const written = await vscode.commands.executeCommand(fetchFix.command.command, ...(fetchFix.command.arguments ?? []));
    assert.strictEqual(written, undefined);
    assert.strictEqual(editor.document.getText(), before);
  });

  it('diagnostics follow their text when lines are inserted above, and clear when the request is edited', async () => {
    const read = await send((await openHttpFile('story-move-read.http', `GET ${demo.url}/items/1\n`)).document.uri, 0);
    const editor = await openHttpFile('story-move.http', `PUT ${demo.url}/items/1\nIf-Match: ${read.responseHeaders['etag']}\n\n{}\n`);
    const uri = editor.document.uri;
    await post(`${demo.url}/_simulate/edit/items/1`);
    assert.strictEqual((await send(uri, 0)).status, 412);
    await diagnostic(uri, 'stale-if-match');
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# a note\n\n'));
    const moved = await waitFor(() => ours(uri).find((d) => d.code === 'stale-if-match' && d.range.start.line === 3), 'the diagnostic on line 4');
    assert.strictEqual(textOf(editor.document, moved.range), read.responseHeaders['etag']);
    await editor.edit((edit) => edit.insert(new vscode.Position(3, 0), 'X-Edited: yes\n'));
    await waitFor(() => (ours(uri).some((d) => d.code === 'stale-if-match') ? undefined : true), 'the diagnostic to clear');
  });
});
