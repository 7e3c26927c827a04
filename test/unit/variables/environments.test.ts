import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  environmentNames,
  environmentVariables,
  loadDotenv,
  loadEnvironmentSources,
} from '../../../src/core/variables/environments';
import { parseDotenv } from '../../../src/core/variables/dotenv';

describe('environments', () => {
  let root: string;
  const write = (relative: string, content: unknown) => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-env-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds http-client.env.json in a parent folder up to the workspace root', async () => {
    write('http-client.env.json', { dev: { baseUrl: 'http://dev' } });
    const sources = await loadEnvironmentSources(path.join(root, 'api/requests/a.http'), root, undefined);
    assert.deepEqual(environmentNames(sources), ['dev']);
    assert.equal(environmentVariables(sources, 'dev').baseUrl, 'http://dev');
  });

  it('uses the nearest file, not one further up', async () => {
    write('http-client.env.json', { dev: { baseUrl: 'http://far' } });
    write('api/http-client.env.json', { dev: { baseUrl: 'http://near' } });
    const sources = await loadEnvironmentSources(path.join(root, 'api/a.http'), root, undefined);
    assert.equal(environmentVariables(sources, 'dev').baseUrl, 'http://near');
  });

  it('does not look above the workspace root', async () => {
    write('http-client.env.json', { dev: { baseUrl: 'http://outside' } });
    const sources = await loadEnvironmentSources(path.join(root, 'ws/a.http'), path.join(root, 'ws'), undefined);
    assert.deepEqual(environmentNames(sources), []);
  });

  it('lets the private file override the shared one', async () => {
    write('http-client.env.json', { dev: { baseUrl: 'http://dev', token: 'public' } });
    write('http-client.private.env.json', { dev: { token: 'secret' } });
    const variables = environmentVariables(await loadEnvironmentSources(path.join(root, 'a.http'), root, undefined), 'dev');
    assert.deepEqual(variables, { baseUrl: 'http://dev', token: 'secret' });
  });

  it('merges $shared under the selected environment, from the setting and the files', async () => {
    write('http-client.env.json', { $shared: { version: 'v1' }, dev: { host: 'file' } });
    const setting = { $shared: { version: 'v0', apiKey: 'k' }, dev: { host: 'setting', extra: 'e' } };
    const variables = environmentVariables(await loadEnvironmentSources(path.join(root, 'a.http'), root, setting), 'dev');
    assert.deepEqual(variables, { version: 'v1', apiKey: 'k', host: 'file', extra: 'e' });
  });

  it('gives only $shared when no environment is selected', async () => {
    const setting = { $shared: { a: '1' }, dev: { b: '2' } };
    assert.deepEqual(environmentVariables({ setting, problems: [], files: [] }, undefined), { a: '1' });
  });

  it('turns numbers and booleans into strings', () => {
    const setting = { dev: { port: 8080, secure: false } };
    assert.deepEqual(environmentVariables({ setting, problems: [], files: [] }, 'dev'), { port: '8080', secure: 'false' });
  });

  it('reports a broken env file and carries on', async () => {
    write('http-client.env.json', '{ "dev": ');
    const sources = await loadEnvironmentSources(path.join(root, 'a.http'), root, { dev: { a: '1' } });
    assert.equal(sources.problems.length, 1);
    assert.match(sources.problems[0], /not valid JSON/);
    assert.equal(environmentVariables(sources, 'dev').a, '1');
  });

  it('reads env files with a byte order mark', async () => {
    write('http-client.env.json', '\uFEFF{"dev":{"a":"1"}}');
    const sources = await loadEnvironmentSources(path.join(root, 'a.http'), root, undefined);
    assert.equal(environmentVariables(sources, 'dev').a, '1');
  });

  it('reads the nearest .env for $dotenv', async () => {
    write('.env', 'TOKEN=abc\n# comment\nexport QUOTED="x y"\n');
    assert.deepEqual(await loadDotenv(path.join(root, 'sub/a.http'), root), { TOKEN: 'abc', QUOTED: 'x y' });
  });

  it('parses .env values with quotes, comments and blank lines', () => {
    assert.deepEqual(parseDotenv("A=1\n\nB='two words'\nC=3 # trailing comment\nD=\"line\\nbreak\"\nnot a pair\n"), {
      A: '1',
      B: 'two words',
      C: '3',
      D: 'line\nbreak',
    });
  });
});
