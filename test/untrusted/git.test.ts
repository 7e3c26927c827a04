// Asking git whether a private env file is ignored runs git in the folder, and a repository's
// own config can make git run commands: in restricted mode git is never started.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension } from '../integration/support';
import { initRepositoryWithFsmonitor, installGitWrapper, type GitWrapper } from '../integration/gitWrapper';

describe('untrusted workspace: git', () => {
  let git: GitWrapper;
  before(() => activateExtension());
  afterEach(() => git?.uninstall());

  it('is not run when a private env file appears in a repository', async () => {
    const repository = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'cloned');
    fs.mkdirSync(repository);
    const marker = initRepositoryWithFsmonitor(repository);
    git = installGitWrapper();
    fs.writeFileSync(path.join(repository, 'http-client.private.env.json'), '{ "local": { "token": "t" } }');
    // The trusted suite sees the same creation reach git in well under a second.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.deepStrictEqual(git.calls(), []);
    assert.strictEqual(fs.existsSync(marker), false);
  });
});
