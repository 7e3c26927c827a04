import { strict as assert } from 'node:assert';
import { requestPathFor } from '../support/requestPath';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HttpClient } from '../../../src/core/http/client';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { RedactionPolicy, SecretValues } from '../../../src/core/redaction/redactionPolicy';
import { ExchangeHistory } from '../../../src/core/send/exchangeHistory';
import { RequestExecutor, type ExecutorSettings } from '../../../src/core/send/requestExecutor';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';
import { loadEnvironmentSources, privateVariableNames } from '../../../src/core/variables/environments';
import { resolveRequest } from '../../../src/core/variables/resolveRequest';
import { startServer, type TestServer } from '../http/testServer';
import { referenceContext } from '../support/referenceContext';

async function secretValuesOf(text: string, context: Parameters<typeof referenceContext>[0]): Promise<string[]> {
  const file = parseHttpFile(text);
  const resolved = await resolveRequest(file, file.requests[0], referenceContext(context));
  return resolved.secretValues;
}

describe('provenance: the resolver reports values from private env files, .env and the process environment', () => {
  const context = {
    environment: { host: 'api.example', token: 'priv-t0ken', greeting: 'hello {{token}}' },
    privateNames: new Set(['token']),
    dotenv: { NOTE: 'd0tenv-note' },
    processEnv: { TENANT: 'pr0cess-tenant' },
  };

  it('reports each secret value wherever it is used, and nothing else', async () => {
    const text = 'POST http://{{host}}/t/{{$processEnv TENANT}}\nX-Note: {{$dotenv NOTE}}\nContent-Type: text/plain\n\nsigned {{token}}\n';
    assert.deepEqual((await secretValuesOf(text, context)).sort(), ['d0tenv-note', 'pr0cess-tenant', 'priv-t0ken']);
  });

  it('follows a private value through another variable, and a file variable that reads .env', async () => {
    const text = '@key = {{$dotenv NOTE}}\nGET http://{{host}}/?q={{greeting}}&k={{key}}\n';
    assert.deepEqual((await secretValuesOf(text, context)).sort(), ['d0tenv-note', 'priv-t0ken']);
  });

  it('does not count a file variable that shadows a private name', async () => {
    assert.deepEqual(await secretValuesOf('@token = public\nGET http://{{host}}/{{token}}\n', context), []);
  });

  it('reports the values of a request that could not be resolved too: its error may quote them', async () => {
    const file = parseHttpFile('GET /{{token}}/{{missing}}\n');
    const resolved = await resolveRequest(file, file.requests[0], referenceContext(context));
    assert.equal(resolved.ok, false);
    assert.deepEqual(resolved.secretValues, ['priv-t0ken']);
  });

  it('knows which environment variables the private file decides', () => {
    const sources = {
      problems: [],
      files: [],
      envFile: { $shared: { a: 'public' }, dev: { b: 'public' } },
      privateEnvFile: { $shared: { b: 'private', c: 'private' }, dev: { d: 'private' } },
    };
    // b: the private $shared value is overridden by the public dev value.
    assert.deepEqual([...privateVariableNames(sources, 'dev')].sort(), ['c', 'd']);
    assert.deepEqual([...privateVariableNames(sources, undefined)].sort(), ['b', 'c']);
  });
});

describe('provenance: RequestExecutor adds them to the SecretValues it was given', () => {
  let folder: string;
  let server: TestServer;
  before(async () => {
    server = await startServer((_request, response) => response.writeHead(200, { etag: '"v1"' }).end('ok'));
  });
  after(() => server.close());
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-provenance-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('hides a private env value in the log line even where it is part of the URL path', async () => {
    fs.writeFileSync(path.join(folder, 'http-client.private.env.json'), JSON.stringify({ dev: { tenant: 'tenant-s3cret' } }));
    fs.writeFileSync(path.join(folder, '.env'), 'NOTE=d0tenv-note\n');
    const filePath = path.join(folder, 'api.http');
    const parsed = parseHttpFile(`GET ${server.origin}/t/{{tenant}}/items\nX-Note: {{$dotenv NOTE}}\n`);
    const secrets = new SecretValues();
    const log: string[] = [];
    const validators = new ValidatorStore();
    const requestPath = requestPathFor(new HttpClient(), { validators, log: (line) => log.push(line), redaction: () => new RedactionPolicy({}, secrets) });
    const executor = new RequestExecutor({ path: requestPath, validators, history: new ExchangeHistory(), log: (line) => log.push(line), secrets });
    const settings: ExecutorSettings = { trustedWorkspace: true, timeoutMs: 5000, maxResponseBodyBytes: 1024, followRedirects: false };

    const result = await executor.execute({ documentKey: filePath, filePath, workspaceRoot: folder, parsed }, parsed.requests[0], 'dev', settings);

    assert.equal(result.status, 200);
    assert.equal(secrets.size, 2);
    assert.equal(log.length, 1);
    assert.ok(!log[0].includes('tenant-s3cret'), log[0]);
    assert.match(log[0], /\/t\/\[redacted\]\/items → 200/);
  });
});

describe('provenance: a private env file that is not valid JSON', () => {
  it('is reported without quoting its text, which may hold a secret', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-bad-private-env-'));
    try {
      fs.writeFileSync(path.join(folder, 'http-client.private.env.json'), '{"dev": {"token": abc-s3cret-value}}');
      const sources = await loadEnvironmentSources(path.join(folder, 'api.http'), folder, undefined);
      assert.equal(sources.problems.length, 1);
      assert.match(sources.problems[0], /not valid JSON/);
      assert.ok(!sources.problems[0].includes('s3cret'), sources.problems[0]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
