import { strict as assert } from 'node:assert';
import { closedPort, runCli, staleUpdateFile, useCliWorkspace, useDemo } from './cliHarness';

describe('precondition-doctor send', () => {
  const demo = useDemo();
  const workspace = useCliWorkspace();
  const baseUrl = () => demo.url();

  it('prints a 200 like curl -i and exits 0', async () => {
    workspace.folder().write('read.http', `@baseUrl = ${baseUrl()}\nGET {{baseUrl}}/items/1\n`);

    const run = await runCli(['send', 'read.http'], workspace.folder().root);

    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, new RegExp(`^> GET ${baseUrl()}/items/1\n`));
    assert.match(run.stdout, /^HTTP\/1\.1 200 OK$/m);
    assert.match(run.stdout, /^etag: "r1-[0-9a-f]+"$/m);
    // Headers, one blank line, then the body, as curl -i prints it.
    assert.match(run.stdout, /\ncontent-type: application\/json[^\n]*\n(?:[a-z-]+: [^\n]*\n)*\n\{\n {2}"id": "1"/);
  });

  it('exits 1 on a stale If-Match and prints the 412', async () => {
    workspace.folder().write('update.http', staleUpdateFile(baseUrl()));

    const run = await runCli(['send', 'update.http', '--all'], workspace.folder().root);

    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual([...run.stdout.matchAll(/^HTTP\/1\.1 (\d+)/gm)].map((m) => m[1]), ['200', '200', '412']);
    assert.match(run.stdout, /^> if-match: "r1-[0-9a-f]+"$/m);
    assert.doesNotMatch(run.stdout, /Explain/);
  });

  it('with --explain names the cause: changed by another client', async () => {
    workspace.folder().write('update.http', staleUpdateFile(baseUrl()));

    const run = await runCli(['send', 'update.http', '--all', '--explain'], workspace.folder().root);

    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^Explain 412 Precondition Failed: causes, most likely first$/m);
    assert.match(run.stdout, /^ {2}1\. changed-by-another-client \(high\): Changed by another client$/m);
    assert.match(run.stdout, /The current tag "r2-[0-9a-f]+" first appeared/);
    assert.match(run.stdout, /^ {2}The server holds: ETag "r2-[0-9a-f]+"/m);
    // What to do, in a terminal's terms: no quick fixes or editor commands to click.
    assert.match(run.stdout, /^ {5}- Replace If-Match with "r2-[0-9a-f]+", then send again\.$/m);
    assert.match(run.stdout, /^ {5}- Or run again with --retry: it resends with the fresh tag/m);
    assert.doesNotMatch(run.stdout, /quick fix|Compare with server|Refresh & Retry:/);
  });

  it('with --retry resends with the fresh tag, ends 200 and exits 0', async () => {
    workspace.folder().write('update.http', staleUpdateFile(baseUrl()));

    const run = await runCli(['send', 'update.http', '--all', '--retry'], workspace.folder().root);

    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Refresh & Retry succeeded after 1 attempt: #1 200 with If-Match "r2-[0-9a-f]+"$/m);
    assert.deepEqual([...run.stdout.matchAll(/^HTTP\/1\.1 (\d+)/gm)].map((m) => m[1]), ['200', '200', '412', '200']);
  });

  it('refuses to retry a PATCH unless --force is given', async () => {
    const file = staleUpdateFile(baseUrl()).replace('PUT {{baseUrl}}/items/1', 'PATCH {{baseUrl}}/items/1').replace(/\{ "id".*\}/, '{ "status": "final" }');
    workspace.folder().write('patch.http', file);

    const refused = await runCli(['send', 'patch.http', '--all', '--retry'], workspace.folder().root);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^patch\.http: line 12: not retrying PATCH: it is not idempotent.*--force/m);
    assert.doesNotMatch(refused.stdout, /Refresh & Retry/);

    const forced = await runCli(['send', 'patch.http', '--all', '--retry', '--force'], workspace.folder().root);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /Refresh & Retry succeeded/);
  });

  it('with --json prints one parseable array of SendResults, with the diagnosis', async () => {
    workspace.folder().write('update.http', staleUpdateFile(baseUrl()));

    const run = await runCli(['send', 'update.http', '--all', '--explain', '--json'], workspace.folder().root);

    assert.equal(run.code, 1, run.stderr);
    const results = JSON.parse(run.stdout) as Array<Record<string, unknown> & { diagnosis?: { causes: Array<{ id: string }> } }>;
    assert.deepEqual(results.map((r) => r.status), [200, 200, 412]);
    assert.deepEqual(results.map((r) => r.source), [
      { file: 'update.http', line: 5, name: 'get' },
      { file: 'update.http', line: 8, name: 'Another client edits it' },
      { file: 'update.http', line: 12, name: 'update' },
    ]);
    const failed = results[2];
    assert.equal(failed.method, 'PUT');
    assert.equal(failed.url, `${baseUrl()}/items/1`);
    assert.match((failed.requestHeaders as Record<string, string>)['if-match'], /^"r1-/);
    assert.equal(failed.diagnosis?.causes[0].id, 'changed-by-another-client');
    assert.equal(results[0].diagnosis, undefined);
  });

  it('sends only the requests --name and --line choose, in file order', async () => {
    workspace.folder().write('update.http', staleUpdateFile(baseUrl()));

    const run = await runCli(['send', 'update.http', '--line', '8', '--name', 'get', '--json'], workspace.folder().root);

    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as Array<{ method: string }>).map((r) => r.method), ['GET', 'POST']);
  });

  it('refuses to guess which of several requests to send', async () => {
    workspace.folder().write('update.http', staleUpdateFile(baseUrl()));

    const run = await runCli(['send', 'update.http'], workspace.folder().root);

    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /update\.http holds 3 requests: choose with --all, --name or --line/);
    assert.match(run.stderr, /^ {2}line 12: PUT \{\{baseUrl\}\}\/items\/1 {2}\(update\)$/m);
  });

  it('exits 2 on a parse error, naming the line, and sends nothing of that request', async () => {
    workspace.folder().write('broken.http', `GET ${baseUrl()}/items/1\nAccept application/json\n`);

    const run = await runCli(['send', 'broken.http'], workspace.folder().root);

    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^broken\.http: line 2: 'Accept application\/json' is not a header/m);
  });

  it('exits 2 when a variable is undefined, even if other requests got 412', async () => {
    const file = `${staleUpdateFile(baseUrl())}\n### Uses an undefined variable\nGET {{baseUrl}}/items/{{itemId}}\n`;
    workspace.folder().write('update.http', file);

    const run = await runCli(['send', 'update.http', '--all'], workspace.folder().root);

    assert.equal(run.code, 2);
    assert.match(run.stderr, /^update\.http: line 19: variable 'itemId' is not defined/m);
    assert.match(run.stdout, /HTTP\/1\.1 412/);
  });

  it('exits 1 with the line when no response arrives', async () => {
    const port = await closedPort();
    workspace.folder().write('down.http', `GET http://127.0.0.1:${port}/nothing-listens-here\n`);

    const run = await runCli(['send', 'down.http'], workspace.folder().root);

    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`^down\\.http: line 1: GET http://127\\.0\\.0\\.1:${port}/nothing-listens-here: no response: connection refused`, 'm'));
  });

  it('hides credentials unless --show-secrets is given', async () => {
    workspace.folder().write('auth.http', `GET ${baseUrl()}/items/1?api_key=k3y\nAuthorization: Bearer s3cret\nX-Api-Key: abc123\n`);

    const hidden = await runCli(['send', 'auth.http'], workspace.folder().root);
    assert.equal(hidden.code, 0, hidden.stderr);
    assert.match(hidden.stdout, /^> authorization: \[redacted\]$/m);
    assert.match(hidden.stdout, /^> x-api-key: \[redacted\]$/m);
    assert.match(hidden.stdout, /^> GET http:\/\/[^ ]+\/items\/1\?api_key=\[redacted\]$/m);
    assert.doesNotMatch(hidden.stdout, /s3cret|abc123|k3y/);

    const json = await runCli(['send', 'auth.http', '--json'], workspace.folder().root);
    assert.doesNotMatch(json.stdout, /s3cret|abc123|k3y/);

    const shown = await runCli(['send', 'auth.http', '--show-secrets'], workspace.folder().root);
    assert.match(shown.stdout, /^> authorization: Bearer s3cret$/m);
  });
});
