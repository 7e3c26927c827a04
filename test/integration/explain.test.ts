// Explain this 412, Refresh & Retry, Compare with Server and Export trace, against the
// demo API's seed causes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Diagnosis } from '../../src/core/diagnosis/types';
import type { SendResult } from '../../src/core/http/types';
import type { DemoServer } from '../../src/demo/server';
import { openHttpFile, post, useDemoApi, waitFor } from './support';

const send = (uri: vscode.Uri, line: number) => vscode.commands.executeCommand<SendResult>('preconditionDoctor.sendRequest', uri, line);
const explain = (uri: vscode.Uri, line: number) => vscode.commands.executeCommand<Diagnosis>('preconditionDoctor.explainFailure', uri, line);

describe('Explain this 412: ranked causes for each seed cause of the demo API', () => {
  const demoApi = useDemoApi();
  let demo: DemoServer;
  beforeEach(() => {
    demo = demoApi();
  });

  /** GET (optionally with gzip), optionally let another client edit, then PUT with the tag read. */
  async function failedPut(name: string, path: string, options: { acceptEncoding?: string; edit?: boolean; extraHeaders?: string[] } = {}) {
    const encoding = options.acceptEncoding ? `\nAccept-Encoding: ${options.acceptEncoding}` : '';
    const reader = await openHttpFile(`${name}-read.http`, `GET ${demo.url}${path}${encoding}\n`);
    const tag = (await send(reader.document.uri, 0)).responseHeaders['etag'];
    if (options.edit) await post(`${demo.url}/_simulate/edit${path}`);
    const lines = [`PUT ${demo.url}${path}`, `If-Match: ${tag}`, 'Content-Type: application/json', ...(options.extraHeaders ?? []), '', '{"title": "mine"}', ''];
    const editor = await openHttpFile(`${name}.http`, lines.join('\n'));
    const result = await send(editor.document.uri, 0);
    return { editor, tag, result };
  }

  it('another client changed it: changed-by-another-client, and the report opens', async () => {
    const { editor, result } = await failedPut('explain-changed', '/items/1', { edit: true });
    assert.strictEqual(result.status, 412);
    const diagnosis = await explain(editor.document.uri, 0);
    assert.strictEqual(diagnosis.status, 412);
    assert.strictEqual(diagnosis.causes[0].id, 'changed-by-another-client');
    assert.strictEqual(diagnosis.causes[0].likelihood, 'high');
    assert.ok(diagnosis.freshEtag && diagnosis.freshEtag !== result.requestHeaders['if-match']);
    assert.ok(diagnosis.causes[0].evidence.some((line) => line.includes(result.requestHeaders['if-match'])), 'the evidence quotes the tag sent');
    await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.startsWith('Explain 412')),
      'the report tab',
    );
  });

  it('nginx-style gzip weakened the tag: intermediary-altered-validator', async () => {
    const { editor, tag, result } = await failedPut('explain-nginx', '/nginx-gzip/items/1', { acceptEncoding: 'gzip' });
    assert.match(tag, /^W\//);
    assert.strictEqual(result.status, 412);
    assert.strictEqual((await explain(editor.document.uri, 0)).causes[0].id, 'intermediary-altered-validator');
  });

  it('Apache-style -gzip suffix: intermediary-altered-validator', async () => {
    const { editor, tag } = await failedPut('explain-apache', '/apache-gzip/items/1', { acceptEncoding: 'gzip' });
    assert.match(tag, /-gzip"$/);
    assert.strictEqual((await explain(editor.document.uri, 0)).causes[0].id, 'intermediary-altered-validator');
  });

  it('a cache served the old tag: intermediary-altered-validator', async () => {
    const path = '/cached/items/1';
    const reader = await openHttpFile('explain-cache-read.http', `GET ${demo.url}${path}\n`);
    await send(reader.document.uri, 0);
    await post(`${demo.url}/_simulate/edit${path}`);
    const cached = await send(reader.document.uri, 0);
    assert.match(cached.responseHeaders['x-cache'] ?? '', /HIT/);
    const editor = await openHttpFile('explain-cache.http', `PUT ${demo.url}${path}\nIf-Match: ${cached.responseHeaders['etag']}\nContent-Type: application/json\n\n{"title": "x"}\n`);
    assert.strictEqual((await send(editor.document.uri, 0)).status, 412);
    assert.strictEqual((await explain(editor.document.uri, 0)).causes[0].id, 'intermediary-altered-validator');
  });

  it('a date from the local clock against a server clock an hour ahead: clock-skew', async () => {
    const editor = await openHttpFile(
      'explain-clock.http',
      `PUT ${demo.url}/clock-ahead/items/1\nIf-Unmodified-Since: {{$datetime rfc1123}}\nContent-Type: application/json\n\n{"title": "x"}\n`,
    );
    await post(`${demo.url}/_simulate/edit/clock-ahead/items/1`);
    assert.strictEqual((await send(editor.document.uri, 0)).status, 412);
    const diagnosis = await explain(editor.document.uri, 0);
    assert.strictEqual(diagnosis.causes[0].id, 'clock-skew');
    assert.ok(diagnosis.causes.some((cause) => cause.id === 'outdated-date-precondition'));
  });

  it('a write without If-Match where one is required: precondition-required', async () => {
    const editor = await openHttpFile('explain-428.http', `DELETE ${demo.url}/required/items/1\n`);
    assert.strictEqual((await send(editor.document.uri, 0)).status, 428);
    const diagnosis = await explain(editor.document.uri, 0);
    assert.strictEqual(diagnosis.status, 428);
    assert.strictEqual(diagnosis.causes[0].id, 'precondition-required');
  });

  it('refuses to explain a request that got no 412, saying to send it first', async () => {
    const editor = await openHttpFile('explain-none.http', `GET ${demo.url}/items/1\n`);
    assert.strictEqual(await explain(editor.document.uri, 0), undefined);
  });

  it('Refresh & Retry fetches the fresh tag and ends in 2xx', async () => {
    const { editor, result } = await failedPut('retry-changed', '/items/2', { edit: true });
    assert.strictEqual(result.status, 412);
    const final = await vscode.commands.executeCommand<SendResult>('preconditionDoctor.refreshAndRetry', editor.document.uri, 0, { confirmOverwrite: false });
    assert.strictEqual(final.status, 200);
    assert.notStrictEqual(final.requestHeaders['if-match'], result.requestHeaders['if-match']);
  });

  it('Compare with server opens a diff of the server version against the request body', async () => {
    const { editor } = await failedPut('compare-changed', '/items/1', { edit: true });
    await vscode.commands.executeCommand('preconditionDoctor.compareWithServer', editor.document.uri, 0);
    const diff = await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((tab) => tab.input instanceof vscode.TabInputTextDiff),
      'the diff editor',
    );
    const input = diff.input as vscode.TabInputTextDiff;
    const server = await vscode.workspace.openTextDocument(input.original);
    const mine = await vscode.workspace.openTextDocument(input.modified);
    assert.match(server.getText(), /"title"/);
    assert.strictEqual(JSON.parse(mine.getText()).title, 'mine');
  });

  it('the exported trace and HAR carry no secret the request sent', async () => {
    const { editor } = await failedPut('trace-secret', '/items/1', {
      edit: true,
      extraHeaders: ['Authorization: Bearer secret-token-4711', 'X-Api-Key: key-0815', 'Cookie: session=cookie-42'],
    });
    await explain(editor.document.uri, 0);
    const written = await vscode.commands.executeCommand<vscode.Uri>('preconditionDoctor.exportTrace', editor.document.uri, 0);
    const markdown = Buffer.from(await vscode.workspace.fs.readFile(written)).toString('utf8');
    const har = Buffer.from(await vscode.workspace.fs.readFile(written.with({ path: written.path.replace(/\.md$/, '.har') }))).toString('utf8');
    for (const text of [markdown, har]) {
      for (const secret of ['secret-token-4711', 'key-0815', 'cookie-42']) assert.ok(!text.includes(secret), `${secret} leaked`);
      assert.match(text, /\[redacted\]/);
      assert.match(text, /412/);
    }
    assert.strictEqual(JSON.parse(har).log.version, '1.2');
    assert.match(markdown, /If-Match|if-match/);
  });
});
