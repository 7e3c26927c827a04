// A new http-client.private.env.json in a repository that does not ignore it is checked with
// git, and git runs none of the commands the repository's own config names.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { activateExtension, waitFor, workspaceRoot } from './support';
import { initRepositoryWithFsmonitor, installGitWrapper, type GitWrapper } from './gitWrapper';

describe('Private env file: the git check', () => {
  let git: GitWrapper;
  before(() => activateExtension());
  afterEach(() => git?.uninstall());

  it('asks git about a newly created file without running core.fsmonitor', async () => {
    const repository = path.join(workspaceRoot().fsPath, 'trusted-repo');
    fs.mkdirSync(repository);
    const marker = initRepositoryWithFsmonitor(repository);
    git = installGitWrapper();
    const started = Date.now();
    fs.writeFileSync(path.join(repository, 'http-client.private.env.json'), '{ "local": { "token": "t" } }');
    const checkIgnore = await waitFor(() => git.calls().find((call) => call.includes('check-ignore')), 'git check-ignore', 10_000);
    console.log(`git check-ignore ran ${Date.now() - started} ms after the file was created`);
    assert.match(checkIgnore, /-c core\.fsmonitor=false -c core\.hooksPath=\/dev\/null check-ignore/);
    assert.strictEqual(fs.existsSync(marker), false);
  });
});
