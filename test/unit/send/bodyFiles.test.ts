import { strict as assert } from 'node:assert';
import { requestPathFor } from '../support/requestPath';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HttpClient } from '../../../src/core/http/client';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { isInside, readBodyFile } from '../../../src/core/send/bodyFiles';
import { ExchangeHistory } from '../../../src/core/send/exchangeHistory';
import { RequestExecutor, type ExecutorSettings } from '../../../src/core/send/requestExecutor';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';

// <base>/workspace holds the .http file; <base>/outside.txt is next to the folder, not in it.
describe('body files in an untrusted workspace', () => {
  let base: string;
  let workspace: string;
  let httpFile: string;
  let outside: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-body-'));
    workspace = path.join(base, 'workspace');
    fs.mkdirSync(path.join(workspace, 'bodies'), { recursive: true });
    httpFile = path.join(workspace, 'requests.http');
    outside = path.join(base, 'outside.txt');
    fs.writeFileSync(outside, 'secret from outside');
    fs.writeFileSync(path.join(workspace, 'bodies', 'inside.json'), '{"inside":true}');
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  const restricted = () => ({ restricted: true, workspaceRoot: workspace });
  const text = async (promise: Promise<Uint8Array>) => Buffer.from(await promise).toString('utf8');

  it('reads a file inside the workspace folder', async () => {
    assert.equal(await text(readBodyFile(httpFile, './bodies/inside.json', restricted())), '{"inside":true}');
  });

  it('refuses ../ out of the folder', async () => {
    await assert.rejects(readBodyFile(httpFile, '../outside.txt', restricted()), /outside the workspace folder, and an untrusted workspace may only read files inside it\. Trust the workspace to send it\.$/);
  });

  it('refuses an absolute path outside the folder', async () => {
    await assert.rejects(readBodyFile(httpFile, outside, restricted()), /outside the workspace folder/);
  });

  it('refuses a link inside the folder that leads outside, naming where it leads', async () => {
    fs.symlinkSync(outside, path.join(workspace, 'bodies', 'link.txt'));
    await assert.rejects(readBodyFile(httpFile, './bodies/link.txt', restricted()), (error: Error) => {
      assert.match(error.message, /outside the workspace folder \(it leads to .*outside\.txt\)/);
      return true;
    });
  });

  it('refuses a file under a linked folder that leads outside', async () => {
    fs.mkdirSync(path.join(base, 'elsewhere'));
    fs.writeFileSync(path.join(base, 'elsewhere', 'data.json'), '{}');
    fs.symlinkSync(path.join(base, 'elsewhere'), path.join(workspace, 'linked'));
    await assert.rejects(readBodyFile(httpFile, './linked/data.json', restricted()), /outside the workspace folder/);
  });

  it('reads through a link that stays inside the folder', async () => {
    fs.symlinkSync(path.join(workspace, 'bodies', 'inside.json'), path.join(workspace, 'alias.json'));
    assert.equal(await text(readBodyFile(httpFile, './alias.json', restricted())), '{"inside":true}');
  });

  it('accepts a workspace folder opened through a link (both sides are resolved)', async () => {
    const linkedRoot = path.join(base, 'linked-root');
    fs.symlinkSync(workspace, linkedRoot);
    const access = { restricted: true, workspaceRoot: linkedRoot };
    assert.equal(await text(readBodyFile(path.join(linkedRoot, 'requests.http'), './bodies/inside.json', access)), '{"inside":true}');
  });

  it('refuses every body file when there is no workspace folder', async () => {
    await assert.rejects(readBodyFile(httpFile, './bodies/inside.json', { restricted: true }), /there is no workspace folder/);
  });

  it('reads outside the folder in a trusted workspace, as before', async () => {
    assert.equal(await text(readBodyFile(httpFile, '../outside.txt', { restricted: false, workspaceRoot: workspace })), 'secret from outside');
  });

  it('sends nothing and names the line when RequestExecutor resolves such a request', async () => {
    const parsed = parseHttpFile('# reads a file next to the folder\nPOST http://127.0.0.1:9/upload\nContent-Type: text/plain\n\n< ../outside.txt\n');
    const validators = new ValidatorStore();
    const executor = new RequestExecutor({ path: requestPathFor(new HttpClient(), { validators }), validators, history: new ExchangeHistory(), log: () => undefined });
    const settings: ExecutorSettings = { trustedWorkspace: false, timeoutMs: 1000, maxResponseBodyBytes: 1024, followRedirects: false };
    const source = { documentKey: httpFile, filePath: httpFile, workspaceRoot: workspace, parsed };
    const resolved = await executor.resolve(source, parsed.requests[0], undefined, settings);
    assert.ok(!resolved.ok);
    assert.equal(resolved.errors.length, 1);
    assert.match(resolved.errors[0].message, /^line 5: can't read body file '\.\.\/outside\.txt': it is outside the workspace folder/);

    const trusted = await executor.resolve(source, parsed.requests[0], undefined, { ...settings, trustedWorkspace: true });
    assert.ok(trusted.ok);
    assert.equal(Buffer.from(trusted.request.body as Uint8Array).toString('utf8'), 'secret from outside');
  });
});

describe('isInside', () => {
  it('tells a folder from a sibling that shares its name as a prefix', () => {
    assert.equal(isInside('/w/ws', '/w/ws-other/a.json'), false);
    assert.equal(isInside('/w/ws', '/w/ws/a.json'), true);
    assert.equal(isInside('/w/ws', '/w/ws/..data/a.json'), true);
    assert.equal(isInside('/w/ws', '/w'), false);
  });
});
