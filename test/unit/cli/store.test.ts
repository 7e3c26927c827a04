import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { ITEM_1_BODY, runCli, useCliWorkspace, useDemo } from './cliHarness';

const STORE = 'api/.precondition-doctor/validators.json';

describe('precondition-doctor validators file', () => {
  const demo = useDemo();
  const workspace = useCliWorkspace();
  const readFile = () => `GET ${demo.url()}/items/1\n`;
  const updateFile = () => `PUT ${demo.url()}/items/1\nContent-Type: application/json\nIf-Match: {{$etag}}\n\n${ITEM_1_BODY}\n`;

  it('is written beside the .http file and feeds {{$etag}} in the next run', async () => {
    const folder = workspace.folder();
    folder.write('api/read.http', readFile());
    folder.write('api/update.http', updateFile());

    const read = await runCli(['send', 'api/read.http'], folder.root);
    assert.equal(read.code, 0, read.stderr);
    const etag = /^etag: (.+)$/m.exec(read.stdout)?.[1];
    const text = readFileSync(folder.path(STORE), 'utf8');
    const saved = JSON.parse(text) as { version: number; records: unknown[][] };
    assert.equal(saved.version, 3);
    // One record per line: URL first, its ETag at position 7.
    assert.deepEqual(saved.records.map((r) => [r[0], r[7]]), [[`${demo.url()}/items/1`, etag]]);
    assert.match(text, new RegExp(`^    \\["${demo.url()}/items/1",.*\\]$`, 'm'));

    const update = await runCli(['send', 'api/update.http'], folder.root);
    assert.equal(update.code, 0, update.stderr);
    assert.match(update.stdout, new RegExp(`^> if-match: ${etag}$`, 'm'));
    assert.match(update.stdout, /^HTTP\/1\.1 200 OK$/m);
  });

  it('--no-store neither writes nor reads it', async () => {
    const folder = workspace.folder();
    folder.write('api/read.http', readFile());
    folder.write('api/update.http', updateFile());

    const read = await runCli(['send', 'api/read.http', '--no-store'], folder.root);
    assert.equal(read.code, 0, read.stderr);
    assert.equal(existsSync(folder.path('api/.precondition-doctor')), false);

    await runCli(['send', 'api/read.http'], folder.root);
    const update = await runCli(['send', 'api/update.http', '--no-store'], folder.root);
    assert.equal(update.code, 2);
    assert.match(update.stderr, /^api\/update\.http: line 3: no ETag recorded for /m);
  });

  it('warns about a corrupt file, starts empty and replaces it', async () => {
    const folder = workspace.folder();
    folder.write('api/read.http', readFile());
    folder.write(STORE, '{ "version": 1, "records": [');

    const run = await runCli(['send', 'api/read.http'], folder.root);

    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^precondition-doctor: warning: Validator store: could not read saved validators \(.*validators\.json is not valid JSON/m);
    const saved = JSON.parse(readFileSync(folder.path(STORE), 'utf8')) as { records: unknown[] };
    assert.equal(saved.records.length, 1);
  });
});
