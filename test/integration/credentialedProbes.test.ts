// Against an API that answers 401 without Authorization, every request the extension
// makes on the user's behalf (fetch an ETag, refresh a validator, compare, retry, explain)
// carries the request's Authorization and so gets a real answer.
import * as assert from 'assert';
import type * as http from 'http';
import * as vscode from 'vscode';
import type { Diagnosis } from '../../src/core/diagnosis/types';
import type { SendResult } from '../../src/core/http/types';
import type { ValidatorRecord } from '../../src/core/validators/types';
import { activateExtension, closeAllEditors, openHttpFile, startServer, type LocalServer } from './support';

const TOKEN = 'Bearer s3cret-token';
const SERVER_BODY = '{"owner":"the server"}';

const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`preconditionDoctor.${command}`, ...args);

describe('Probes carry the request credentials (401 without Authorization)', () => {
  let server: LocalServer;
  let version = 1;

  before(async () => {
    await activateExtension();
    // Checks its own ETags: a PUT is 412 unless its If-Match is the current tag, then the tag moves on.
    server = await startServer((request: http.IncomingMessage, response: http.ServerResponse) => {
      if (request.headers.authorization !== TOKEN) {
        response.writeHead(401, { 'www-authenticate': 'Bearer' });
        return void response.end();
      }
      const etag = `"v${version}"`;
      if (request.method === 'PUT') {
        request.resume();
        if (request.headers['if-match'] !== etag) {
          response.writeHead(412, { etag });
          return void response.end();
        }
        version++;
        response.writeHead(200, { etag: `"v${version}"`, 'content-type': 'application/json' });
        return void response.end('{}');
      }
      response.writeHead(200, { etag, 'content-type': 'application/json' });
      response.end(request.method === 'HEAD' ? undefined : SERVER_BODY);
    });
  });
  after(() => server.close());
  beforeEach(() => {
    version = 1;
    server.requests.length = 0;
  });
  afterEach(closeAllEditors);

  async function stalePut(name: string): Promise<vscode.TextEditor> {
    return openHttpFile(`${name}.http`, `PUT ${server.url}/doc\nAuthorization: ${TOKEN}\nIf-Match: "v0"\nContent-Type: application/json\n\n{"owner":"me"}\n`);
  }

  /** What the server received besides the user's own PUTs: the requests the extension made for them. */
  function probesSeen(): Array<{ method?: string; authorization?: string }> {
    return server.requests.filter((r) => r.method !== 'PUT').map((r) => ({ method: r.method, authorization: r.headers.authorization }));
  }

  it('Fetch fresh ETag and update If-Match, before any send, edits the tag the authorized probe found', async () => {
    const editor = await stalePut('creds-fetch');
    const tag = await run<string>('fetchEtagAndUpdateIfMatch', editor.document.uri, 0);
    assert.strictEqual(tag, '"v1"');
    assert.strictEqual(editor.document.lineAt(2).text, 'If-Match: "v1"');
    assert.deepStrictEqual(probesSeen(), [{ method: 'HEAD', authorization: TOKEN }]);
  });

  it('Explain probes with the credentials and reports the fresh tag', async () => {
    const editor = await stalePut('creds-explain');
    assert.strictEqual((await run<SendResult>('sendRequest', editor.document.uri, 0)).status, 412);
    const diagnosis = await run<Diagnosis>('explainFailure', editor.document.uri, 0);
    assert.strictEqual(diagnosis.freshEtag, '"v1"');
    assert.ok(probesSeen().length > 0);
    assert.ok(probesSeen().every((probe) => probe.authorization === TOKEN), JSON.stringify(probesSeen()));
  });

  it('Refresh & Retry succeeds: the probe is authorized and the resend carries the fresh tag', async () => {
    const editor = await stalePut('creds-retry');
    assert.strictEqual((await run<SendResult>('sendRequest', editor.document.uri, 0)).status, 412);
    const result = await run<SendResult>('refreshAndRetry', editor.document.uri, 0, { confirmOverwrite: false });
    assert.strictEqual(result.status, 200);
    assert.strictEqual(result.requestHeaders['if-match'], '"v1"');
    assert.deepStrictEqual(probesSeen(), [{ method: 'HEAD', authorization: TOKEN }]);
  });

  it('Refresh Validator from a URL alone repeats the Authorization of the latest exchange with it', async () => {
    const editor = await stalePut('creds-refresh');
    await run<SendResult>('sendRequest', editor.document.uri, 0);
    version = 7; // changed by someone else since
    const record = await run<ValidatorRecord>('refreshValidator', `${server.url}/doc`);
    assert.strictEqual(record?.etag, '"v7"');
    assert.deepStrictEqual(probesSeen(), [{ method: 'HEAD', authorization: TOKEN }]);
  });

  it("Compare with Server shows the server's version, read with the credentials", async () => {
    const editor = await stalePut('creds-compare');
    await run('compareWithServer', editor.document.uri, 0);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputTextDiff, 'a diff editor opened');
    const serverSide = await vscode.workspace.openTextDocument(input.original);
    assert.strictEqual(JSON.parse(serverSide.getText()).owner, 'the server');
    assert.deepStrictEqual(probesSeen(), [{ method: 'GET', authorization: TOKEN }]);
  });
});
