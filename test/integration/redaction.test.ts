// Copy as cURL and Export trace in the real editor: secrets hidden by name and by where
// they came from (.env, http-client.private.env.json), with "Copy with Secrets" still whole.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SendResult } from '../../src/core/http/types';
import { openHttpFile, startServer, writeWorkspaceFile, type LocalServer } from './support';

const SECRETS = {
  authorization: 'auth-S3CRET-1',
  sig: 'sig-S3CRET-3',
  dotenv: 'dotenv-S3CRET-6',
  privateEnv: 'private-env S3CRET-7',
  code: 'code-S3CRET-8',
};

describe('Redaction: the copied curl line and the exported trace', () => {
  let server: LocalServer;
  before(async () => {
    server = await startServer((request, response) => {
      request.resume();
      if (request.method === 'PUT') {
        response.writeHead(412, { etag: '"v2"', location: `/callback?code=${SECRETS.code}`, 'content-type': 'text/plain' }).end('precondition failed');
      } else {
        response.writeHead(200, { etag: '"v2"' }).end();
      }
    });
  });
  after(() => server.close());

  it('hide secrets by name and by provenance, and Copy with Secrets keeps them', async () => {
    // In a folder of its own: the .env and private env file must not reach other suites' requests.
    await writeWorkspaceFile('redaction/.env', `NOTE=${SECRETS.dotenv}\n`);
    await writeWorkspaceFile('redaction/http-client.private.env.json', JSON.stringify({ $shared: { diary: SECRETS.privateEnv } }));
    const editor = await openHttpFile(
      'redaction/api.http',
      [
        `PUT ${server.url}/items/1?sig=${SECRETS.sig}&page=2`,
        `Authorization: Bearer ${SECRETS.authorization}`,
        'X-Request-Note: {{$dotenv NOTE}}',
        'If-Match: "v1"',
        'Content-Type: text/plain',
        '',
        'Dear diary: {{diary}}',
        '',
      ].join('\n'),
    );
    const uri = editor.document.uri;

    const sent = await vscode.commands.executeCommand<SendResult>('preconditionDoctor.sendRequest', uri, 0);
    assert.strictEqual(sent.status, 412, sent.error);
    assert.strictEqual(sent.requestHeaders['x-request-note'], SECRETS.dotenv, 'the .env file was read');

    const curl = await vscode.commands.executeCommand<string>('preconditionDoctor.copyAsCurl', uri, 0);
    const withSecrets = await vscode.commands.executeCommand<string>('preconditionDoctor.copyAsCurl', uri, 0, { includeSecrets: true });
    await vscode.commands.executeCommand('preconditionDoctor.explainFailure', uri, 0);
    const written = await vscode.commands.executeCommand<vscode.Uri>('preconditionDoctor.exportTrace', uri, 0);
    const markdown = Buffer.from(await vscode.workspace.fs.readFile(written)).toString('utf8');
    const har = Buffer.from(await vscode.workspace.fs.readFile(written.with({ path: written.path.replace(/\.md$/, '.har') }))).toString('utf8');

    for (const [where, text] of [['curl', curl], ['trace', markdown], ['HAR', har]]) {
      for (const secret of Object.values(SECRETS)) assert.ok(!text.includes(secret), `the ${where} shows ${secret}:\n${text}`);
      assert.match(text, /\[redacted\]/);
    }
    assert.match(curl, /page=2/);
    assert.match(markdown, /If-Match: "v1"|if-match: "v1"/);
    for (const secret of [SECRETS.authorization, SECRETS.sig, SECRETS.dotenv, SECRETS.privateEnv]) assert.ok(withSecrets.includes(secret), `Copy with Secrets lost ${secret}`);
  });
});
