import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SendResult } from '../../src/core/http/types';
import { activateExtension, closeAllEditors, deadPort, openHttpFile, startServer, waitFor, writeWorkspaceFile, type LocalServer } from './support';

const SEND = 'preconditionDoctor.sendRequest';

describe('Send Request', () => {
  let server: LocalServer;
  let version = 1;

  before(async () => {
    await activateExtension();
    server = await startServer((request, response) => {
      if (request.url === '/slow') return; // never answers: for cancel
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (request.method === 'PUT') {
          if (request.headers['if-match'] !== `"v${version}"`) {
            response.writeHead(412, { 'Content-Type': 'application/problem+json' });
            response.end(JSON.stringify({ title: 'Precondition Failed' }));
            return;
          }
          version++;
        }
        response.writeHead(200, {
          'Content-Type': 'application/json',
          ETag: `"v${version}"`,
          'Last-Modified': 'Wed, 21 Oct 2026 07:28:00 GMT',
          'X-Echo-Accept-Encoding': String(request.headers['accept-encoding'] ?? 'none'),
        });
        response.end(JSON.stringify({ id: 1, version, received: body }));
      });
    });
  });
  after(() => server.close());
  afterEach(closeAllEditors);

  it('returns the documented SendResult for a GET', async () => {
    const editor = await openHttpFile('get.http', `GET ${server.url}/todos/1\nAccept: application/json\nX-Custom: yes\n`);
    const result = await vscode.commands.executeCommand<SendResult>(SEND, editor.document.uri, 0);
    assert.strictEqual(result.status, 200);
    assert.strictEqual(result.statusText, 'OK');
    assert.strictEqual(result.method, 'GET');
    assert.strictEqual(result.url, `${server.url}/todos/1`);
    assert.strictEqual(result.requestHeaders['x-custom'], 'yes');
    assert.strictEqual(result.responseHeaders['etag'], `"v${version}"`);
    assert.strictEqual(result.responseHeaders['x-echo-accept-encoding'], 'none', 'no Accept-Encoding may be added');
    assert.strictEqual(JSON.parse(result.bodyText).id, 1);
    assert.ok(result.durationMs >= 0);
    assert.strictEqual(result.error, undefined);
  });

  it('opens the response in a read-only editor beside the file, JSON pretty-printed', async () => {
    const editor = await openHttpFile('show.http', `# @name showMe\nGET ${server.url}/todos/1\n`);
    await vscode.commands.executeCommand(SEND, editor.document.uri, 1);
    const response = await waitFor(
      () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'precondition-doctor-response'),
      'the response editor',
    );
    const text = response.document.getText();
    assert.match(text, /HTTP 200 OK/);
    assert.match(text, /etag: "v\d+"/);
    assert.match(text, /\n {2}"id": 1,/);
    assert.strictEqual(response.document.languageId, 'jsonc');
    assert.notStrictEqual(response.viewColumn, editor.viewColumn);
  });

  it('accepts any line inside the request block, a URI string or a file path', async () => {
    const editor = await openHttpFile('lines.http', `### named\nGET ${server.url}/a\nAccept: */*\n\n`);
    const byHeaderLine = await vscode.commands.executeCommand<SendResult>(SEND, editor.document.uri.toString(), 2);
    assert.strictEqual(byHeaderLine.status, 200);
    const byPath = await vscode.commands.executeCommand<SendResult>(SEND, editor.document.uri.fsPath, 0);
    assert.strictEqual(byPath.url, `${server.url}/a`);
  });

  it('uses the active editor and its cursor when called without arguments', async () => {
    const editor = await openHttpFile('cursor.http', `GET ${server.url}/first\n\n###\nGET ${server.url}/second\n`);
    editor.selection = new vscode.Selection(3, 2, 3, 2);
    const result = await vscode.commands.executeCommand<SendResult>(SEND);
    assert.strictEqual(result.url, `${server.url}/second`);
  });

  it('chains requests: a response header feeds the next request, and a stale one gets 412', async () => {
    const editor = await openHttpFile(
      'chain.http',
      [
        '# @name read',
        `GET ${server.url}/todos/1`,
        '',
        '###',
        `PUT ${server.url}/todos/1`,
        'If-Match: {{read.response.headers.ETag}}',
        'Content-Type: application/json',
        '',
        '{"title": "x"}',
        '',
      ].join('\n'),
    );
    const uri = editor.document.uri;
    const read = await vscode.commands.executeCommand<SendResult>(SEND, uri, 1);
    const update = await vscode.commands.executeCommand<SendResult>(SEND, uri, 4);
    assert.strictEqual(update.requestHeaders['if-match'], read.responseHeaders['etag']);
    assert.strictEqual(update.status, 200);
    assert.strictEqual(update.requestBody, '{"title": "x"}');
    const again = await vscode.commands.executeCommand<SendResult>(SEND, uri, 4);
    assert.strictEqual(again.status, 412, 'the tag read before the update is stale now');
  });

  it('resolves variables from http-client.env.json in the selected environment', async () => {
    await writeWorkspaceFile('envs/http-client.env.json', JSON.stringify({ local: { baseUrl: server.url }, other: { baseUrl: 'http://127.0.0.1:9' } }));
    const editor = await openHttpFile('envs/env.http', 'GET {{baseUrl}}/from-env\n');
    const selected = await vscode.commands.executeCommand<string>('preconditionDoctor.selectEnvironment', 'local');
    assert.strictEqual(selected, 'local');
    const result = await vscode.commands.executeCommand<SendResult>(SEND, editor.document.uri, 0);
    assert.strictEqual(result.url, `${server.url}/from-env`);
    assert.strictEqual(result.status, 200);
    await vscode.commands.executeCommand('preconditionDoctor.selectEnvironment', '');
  });

  it('sends every request of a file in order with sendAllRequests', async () => {
    const editor = await openHttpFile('all.http', `GET ${server.url}/one\n\n###\nHEAD ${server.url}/two\n\n###\nGET ${server.url}/three\n`);
    const results = await vscode.commands.executeCommand<SendResult[]>('preconditionDoctor.sendAllRequests', editor.document.uri);
    assert.deepStrictEqual(results.map((r) => [r.method, new URL(r.url).pathname, r.status]), [
      ['GET', '/one', 200],
      ['HEAD', '/two', 200],
      ['GET', '/three', 200],
    ]);
    assert.strictEqual(results[1].bodyText, '');
  });

  it('records validators and exposes them through the API', async () => {
    const api = await activateExtension();
    const editor = await openHttpFile('validators.http', `GET ${server.url}/validated/7\n`);
    const result = await vscode.commands.executeCommand<SendResult>(SEND, editor.document.uri, 0);
    const record = api.validators().find((r) => r.url === `${server.url}/validated/7`);
    assert.ok(record, 'the response validators were recorded');
    assert.strictEqual(record.etag, result.responseHeaders['etag']);
    assert.strictEqual(record.weak, false);
    assert.strictEqual(record.lastModified, 'Wed, 21 Oct 2026 07:28:00 GMT');
    assert.strictEqual(record.status, 200);
    assert.strictEqual(record.method, 'GET');
    assert.strictEqual(record.history[0].etag, record.etag);
  });

  it('cancels a running request and returns undefined', async () => {
    const editor = await openHttpFile('cancel.http', `GET ${server.url}/slow\n`);
    const pending = vscode.commands.executeCommand<SendResult | undefined>(SEND, editor.document.uri, 0);
    await waitFor(() => server.requests.some((r) => r.url === '/slow'), 'the slow request to arrive');
    await vscode.commands.executeCommand('preconditionDoctor.cancelRequest');
    assert.strictEqual(await pending, undefined);
  });

  it('turns a refused connection into a readable error', async () => {
    const port = await deadPort();
    const editor = await openHttpFile('refused.http', `GET http://127.0.0.1:${port}/x\n`);
    const result = await vscode.commands.executeCommand<SendResult>(SEND, editor.document.uri, 0);
    assert.strictEqual(result.status, 0);
    assert.match(result.error ?? '', new RegExp(`connection refused.*127\\.0\\.0\\.1:${port}`));
  });

  it('sends nothing for a request that cannot be parsed, names the line, and leaves the file alone', async () => {
    const content = `GET ${server.url}/fine\n\n###\nPOST\nContent-Type: text/plain\n`;
    const editor = await openHttpFile('unsendable.http', content);
    const before = server.requests.length;
    const result = await vscode.commands.executeCommand<SendResult>(SEND, editor.document.uri, 3);
    assert.strictEqual(result.status, 0);
    assert.match(result.error ?? '', /line 4: request line has no URL/);
    assert.strictEqual(server.requests.length, before);
    assert.strictEqual(editor.document.getText(), content);
    assert.strictEqual(editor.document.isDirty, false);
  });

  it('refuses a header value that resolves to contain CR/LF, naming the line, and sends nothing', async () => {
    await writeWorkspaceFile('inject/http-client.env.json', JSON.stringify({ evil: { value: 'a\r\nX-Injected: 1' } }));
    const editor = await openHttpFile('inject/inject.http', `GET ${server.url}/x\nX-Value: {{value}}\n`);
    await vscode.commands.executeCommand('preconditionDoctor.selectEnvironment', 'evil');
    const before = server.requests.length;
    const result = await vscode.commands.executeCommand<SendResult>(SEND, editor.document.uri, 0);
    await vscode.commands.executeCommand('preconditionDoctor.selectEnvironment', '');
    assert.strictEqual(result.status, 0);
    assert.match(result.error ?? '', /line 2: header 'X-Value' contains a line break/);
    assert.strictEqual(server.requests.length, before);
  });

  it('copies a request as a curl command line', async () => {
    const editor = await openHttpFile('curl.http', `PUT ${server.url}/todos/1\nIf-Match: "v1"\n\n{"a": "it's"}\n`);
    const command = await vscode.commands.executeCommand<string>('preconditionDoctor.copyAsCurl', editor.document.uri, 0);
    assert.match(command, /^curl /);
    assert.match(command, /-X PUT/);
    assert.match(command, /If-Match: "v1"/);
    assert.strictEqual(await vscode.env.clipboard.readText(), command);
  });

  it('redacts credentials in the copied curl line unless asked for them', async () => {
    const editor = await openHttpFile('curl-secret.http', `GET ${server.url}/todos/1?sig=s1gnature&page=2\nAuthorization: Bearer tok-123\nX-Api-Key: k-456\n`);
    const redacted = await vscode.commands.executeCommand<string>('preconditionDoctor.copyAsCurl', editor.document.uri, 0);
    for (const secret of ['tok-123', 'k-456', 's1gnature']) assert.ok(!redacted.includes(secret), `${secret} leaked: ${redacted}`);
    assert.match(redacted, /page=2/);
    const full = await vscode.commands.executeCommand<string>('preconditionDoctor.copyAsCurl', editor.document.uri, 0, { includeSecrets: true });
    assert.match(full, /Bearer tok-123/);
  });

  it('two requests at once both complete and both record their validators', async () => {
    const api = await activateExtension();
    const editor = await openHttpFile('parallel.http', `GET ${server.url}/parallel/a\n\n###\nGET ${server.url}/parallel/b\n`);
    const [a, b] = await Promise.all([
      vscode.commands.executeCommand<SendResult>(SEND, editor.document.uri, 0),
      vscode.commands.executeCommand<SendResult>(SEND, editor.document.uri, 3),
    ]);
    assert.deepStrictEqual([a.status, b.status], [200, 200]);
    const urls = api.validators().map((r) => r.url);
    assert.ok(urls.includes(`${server.url}/parallel/a`) && urls.includes(`${server.url}/parallel/b`));
  });
});
