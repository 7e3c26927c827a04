import { strict as assert } from 'node:assert';
import { runCli, useCliWorkspace, useDemo } from './cliHarness';

describe('precondition-doctor environments', () => {
  const demo = useDemo();
  const workspace = useCliWorkspace();

  /** Env files at the root (the working directory), the .http file two folders down. */
  function writeWorkspace(): void {
    const folder = workspace.folder();
    folder.write('http-client.env.json', JSON.stringify({ $shared: { baseUrl: demo.url() }, first: { itemId: '1' }, second: { itemId: '1' } }));
    folder.write('http-client.private.env.json', JSON.stringify({ second: { itemId: '2' } }));
    folder.write('requests/items/item.http', 'GET {{baseUrl}}/items/{{itemId}}\n');
  }

  it('--env picks the environment from the nearest env files, the private one winning', async () => {
    writeWorkspace();

    const first = await runCli(['send', 'requests/items/item.http', '--env', 'first', '--json'], workspace.folder().root);
    const second = await runCli(['send', 'requests/items/item.http', '--env', 'second', '--json'], workspace.folder().root);

    assert.equal(first.code, 0, first.stderr);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual((JSON.parse(first.stdout) as Array<{ url: string }>).map((r) => r.url), [`${demo.url()}/items/1`]);
    assert.deepEqual((JSON.parse(second.stdout) as Array<{ url: string }>).map((r) => r.url), [`${demo.url()}/items/2`]);
  });

  it('exits 2 on an environment no file defines, listing the ones that exist', async () => {
    writeWorkspace();

    const run = await runCli(['send', 'requests/items/item.http', '--env', 'prod'], workspace.folder().root);

    assert.equal(run.code, 2);
    assert.match(run.stderr, /--env prod: no such environment in http-client\.env\.json or http-client\.private\.env\.json; choose one of: first, second/);
  });

  it('without --env only $shared applies, so an environment variable is reported with its line', async () => {
    writeWorkspace();

    const run = await runCli(['send', 'requests/items/item.http'], workspace.folder().root);

    assert.equal(run.code, 2);
    assert.match(run.stderr, /^requests\/items\/item\.http: line 1: variable 'itemId' is not defined/m);
  });
});
