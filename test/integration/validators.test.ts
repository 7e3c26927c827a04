import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ValidatorRecord } from '../../src/core/validators/types';
import { activateExtension, closeAllEditors, openHttpFile, startServer, type LocalServer } from './support';

describe('Validators: recorded, refreshed, copied and forgotten', () => {
  let server: LocalServer;
  let etag = '"r1"';

  before(async () => {
    await activateExtension();
    server = await startServer((request, response) => {
      const headers: Record<string, string> = { ETag: etag, 'Content-Type': 'text/plain' };
      if (request.url === '/get-only' && request.method === 'HEAD') {
        response.writeHead(405);
        response.end();
        return;
      }
      response.writeHead(200, headers);
      response.end(request.method === 'HEAD' ? undefined : 'body');
    });
  });
  after(() => server.close());
  afterEach(closeAllEditors);

  async function send(path: string): Promise<void> {
    // A file per path: a document closed a moment ago may still be cached with its old text.
    const editor = await openHttpFile(`validators${path.replace(/\W/g, '-')}.http`, `GET ${server.url}${path}\n`);
    await vscode.commands.executeCommand('preconditionDoctor.sendRequest', editor.document.uri, 0);
  }

  it('refreshValidator probes with HEAD and records the new tag', async () => {
    await send('/doc');
    etag = '"r2"';
    const record = await vscode.commands.executeCommand<ValidatorRecord>('preconditionDoctor.refreshValidator', `${server.url}/doc`);
    assert.strictEqual(record.etag, '"r2"');
    assert.strictEqual(record.method, 'HEAD');
    const probe = server.requests[server.requests.length - 1];
    assert.strictEqual(probe.headers['accept-encoding'], 'identity');
    assert.deepStrictEqual(record.history.map((h) => h.etag), ['"r2"', '"r1"']);
  });

  it('refreshValidator falls back to GET when HEAD carries no validator', async () => {
    const record = await vscode.commands.executeCommand<ValidatorRecord>('preconditionDoctor.refreshValidator', `${server.url}/get-only`);
    assert.strictEqual(record.method, 'GET');
    assert.strictEqual(record.etag, etag);
  });

  it('copyEtag returns the tag and puts it on the clipboard', async () => {
    await send('/copy');
    const copied = await vscode.commands.executeCommand<string>('preconditionDoctor.copyEtag', `${server.url}/copy`);
    assert.strictEqual(copied, etag);
    assert.strictEqual(await vscode.env.clipboard.readText(), etag);
  });

  it('accepts a tree node with a url as the argument', async () => {
    await send('/node');
    const copied = await vscode.commands.executeCommand<string>('preconditionDoctor.copyEtag', { kind: 'resource', url: `${server.url}/node` });
    assert.strictEqual(copied, etag);
  });

  it('forgetValidator removes one resource and clearValidators removes all', async () => {
    const api = await activateExtension();
    await send('/forget-me');
    await send('/keep-me');
    await vscode.commands.executeCommand('preconditionDoctor.forgetValidator', `${server.url}/forget-me`);
    const urls = api.validators().map((r) => r.url);
    assert.ok(!urls.includes(`${server.url}/forget-me`));
    assert.ok(urls.includes(`${server.url}/keep-me`));
    await vscode.commands.executeCommand('preconditionDoctor.clearValidators');
    assert.deepStrictEqual(api.validators(), []);
  });
});
