import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EDITOR_OPTION_WORDING } from '../../../src/features/optionWording';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from '../http/selfSignedCertificate';
import { startServer, type TestServer } from '../http/testServer';
import { REPO_ROOT, runCli, useCliWorkspace } from './cliHarness';

describe('precondition-doctor names its own flags in error sentences', () => {
  const workspace = useCliWorkspace();
  let hanging: TestServer;
  let selfSigned: TestServer;
  before(async () => {
    // Answers nothing, ever: the request can only end at the time limit.
    hanging = await startServer(() => undefined);
    selfSigned = await startServer((_request, response) => response.end('secure'), { key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT });
  });
  after(async () => {
    await hanging.close();
    await selfSigned.close();
  });

  it('says --timeout when a request runs out of time', async () => {
    const folder = workspace.folder();
    folder.write('slow.http', `GET ${hanging.origin}/slow\n`);

    const run = await runCli(['send', 'slow.http', '--timeout', '300'], folder.root);

    const output = run.stdout + run.stderr;
    assert.match(output, new RegExp(`no response from 127\\.0\\.0\\.1:${hanging.port} within 300 ms \\(--timeout\\)`));
    assert.doesNotMatch(output, /preconditionDoctor\./);
  });

  it('says --insecure when the server certificate does not verify', async () => {
    const folder = workspace.folder();
    folder.write('tls.http', `GET ${selfSigned.origin}/\n`);

    const run = await runCli(['send', 'tls.http'], folder.root);

    const output = run.stdout + run.stderr;
    assert.match(output, /was rejected \(self-signed certificate\): if you trust this server, run again with --insecure \(development servers only\)/);
    assert.doesNotMatch(output, /preconditionDoctor\./);
    const insecure = await runCli(['send', 'tls.http', '--insecure'], folder.root);
    assert.equal(insecure.code, 0, insecure.stderr);
  });
});

describe('option wording', () => {
  it('names the settings in the editor', () => {
    assert.equal(EDITOR_OPTION_WORDING.timeout, 'preconditionDoctor.timeoutMs');
    assert.equal(EDITOR_OPTION_WORDING.rejectUnauthorized, 'set preconditionDoctor.rejectUnauthorized to false');
    assert.equal(EDITOR_OPTION_WORDING.maxResponseBodyBytes, 'preconditionDoctor.maxResponseBodyBytes');
    // Every setting it names is one the extension contributes.
    const contributed = Object.keys((JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, unknown> } };
    }).contributes.configuration.properties);
    for (const words of Object.values(EDITOR_OPTION_WORDING)) {
      for (const id of words.match(/preconditionDoctor\.\w+/g) ?? []) assert.ok(contributed.includes(id), id);
    }
  });

  it('leaves editor setting ids out of the core, so no front end shows another one’s', () => {
    const offending: string[] = [];
    const visit = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) visit(file);
        else if (file.endsWith('.ts')) {
          readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
            // Comments may name a setting to explain where a value comes from; code may not.
            const code = line.replace(/\/\/.*$/, '').replace(/^\s*\/?\*.*$/, '');
            if (/preconditionDoctor\.\w/.test(code)) offending.push(`${path.relative(REPO_ROOT, file)}:${index + 1}`);
          });
        }
      }
    };
    visit(path.join(REPO_ROOT, 'src', 'core'));
    assert.deepEqual(offending, []);
  });
});
