import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';
import { ValidatorsFile } from '../../../src/cli/validatorsFile';
import { startServer, type TestServer } from '../http/testServer';
import { runCli, useCliWorkspace } from './cliHarness';

const STORE = 'api/.precondition-doctor/validators.json';
const RUNS = 8;

/** Every observation the saved file holds, as "url etag". */
function savedObservations(file: string): string[] {
  const store = new ValidatorStore({ persistence: new ValidatorsFile(file) });
  const seen = store.all().flatMap((record) => record.history.map((entry) => `${record.url} ${entry.etag}`));
  store.dispose();
  return seen;
}

/** What one run printed: the URL of each exchange and the ETag it got back, as "url etag". */
function printedObservations(stdout: string): string[] {
  return [...stdout.matchAll(/^> GET (\S+)$[\s\S]*?^etag: (\S+)$/gm)].map(([, url, etag]) => `${url} ${etag}`);
}

describe('precondition-doctor runs in parallel over one folder', () => {
  const workspace = useCliWorkspace();
  let server: TestServer;
  before(async () => {
    // A new tag for every response, so every observation in the file is told apart from
    // every other, even two runs reading one URL in the same millisecond.
    let version = 0;
    server = await startServer((_request, response) => {
      response.setHeader('ETag', `"v${++version}"`);
      response.end('ok');
    });
  });
  after(() => server.close());

  it('keeps every observation of every run, for its own URLs and for a URL they share', async function () {
    this.timeout(60_000);
    const folder = workspace.folder();
    for (let run = 0; run < RUNS; run++) {
      folder.write(`api/run${run}.http`, `GET ${server.origin}/own/${run}\n\n###\nGET ${server.origin}/shared\n\n###\nGET ${server.origin}/own/${run}/child\n`);
    }

    const runs = await Promise.all(Array.from({ length: RUNS }, (_, run) => runCli(['send', `api/run${run}.http`, '--all'], folder.root)));

    const printed = runs.flatMap((run) => {
      assert.equal(run.code, 0, run.stderr);
      return printedObservations(run.stdout);
    });
    assert.equal(printed.length, RUNS * 3, runs[0].stdout);
    const saved = savedObservations(folder.path(STORE));
    const missing = printed.filter((observation) => !saved.includes(observation));
    assert.deepEqual(missing, [], `${missing.length} of ${printed.length} observations are not in ${STORE}:\n${readFileSync(folder.path(STORE), 'utf8')}`);
    assert.equal(saved.length, printed.length, 'no observation twice');
  });
});
