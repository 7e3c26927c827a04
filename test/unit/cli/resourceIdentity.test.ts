import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { ITEM_1_BODY, runCli, useCliWorkspace, useDemo } from './cliHarness';

const STORE = 'api/.precondition-doctor/validators.json';

describe('precondition-doctor: one record per resource, whichever signed URL reached it', () => {
  const demo = useDemo();
  const workspace = useCliWorkspace();
  const update = (query: string) => `PUT ${demo.url()}/items/1?${query}\nContent-Type: application/json\nIf-Match: {{$etag}}\n\n${ITEM_1_BODY}\n`;
  const savedUrls = (root: string) => (JSON.parse(readFileSync(`${root}/${STORE}`, 'utf8')) as { records: unknown[][] }).records.map((r) => r[0]);

  it('a token in the query is not part of the record: the PUT with another token finds the GET\'s tag', async () => {
    const folder = workspace.folder();
    folder.write('api/read.http', `GET ${demo.url()}/items/1?access_token=first\n`);
    folder.write('api/update.http', update('access_token=second'));
    assert.equal((await runCli(['send', 'api/read.http'], folder.root)).code, 0);
    const run = await runCli(['send', 'api/update.http'], folder.root);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^HTTP\/1\.1 200 OK$/m);
    assert.deepEqual(savedUrls(folder.root), [`${demo.url()}/items/1`]);
  });

  it('reads preconditionDoctor.validators.ignoredQueryParameters from .vscode/settings.json', async () => {
    const folder = workspace.folder();
    folder.write('.vscode/settings.json', '{\n  // signs our gateway\'s URLs\n  "preconditionDoctor.validators.ignoredQueryParameters": ["x-session"],\n}\n');
    folder.write('api/read.http', `GET ${demo.url()}/items/1?x-session=1\n`);
    folder.write('api/update.http', update('x-session=2'));
    assert.equal((await runCli(['send', 'api/read.http'], folder.root)).code, 0);
    const run = await runCli(['send', 'api/update.http'], folder.root);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(savedUrls(folder.root), [`${demo.url()}/items/1`]);
  });
});
