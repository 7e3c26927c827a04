import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { wouldGitCommit } from '../../../src/core/variables/gitIgnore';

describe('private env files and git', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-git-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('says a private env file in a repository without an ignore rule would be committed', async () => {
    execFileSync('git', ['init', '-q'], { cwd: root });
    fs.writeFileSync(path.join(root, 'http-client.private.env.json'), '{}');
    assert.equal(await wouldGitCommit(path.join(root, 'http-client.private.env.json')), true);
  });

  it('says an ignored one would not', async () => {
    execFileSync('git', ['init', '-q'], { cwd: root });
    fs.writeFileSync(path.join(root, '.gitignore'), 'http-client.private.env.json\n');
    fs.writeFileSync(path.join(root, 'http-client.private.env.json'), '{}');
    assert.equal(await wouldGitCommit(path.join(root, 'http-client.private.env.json')), false);
  });

  it('says nothing outside a repository', async () => {
    fs.writeFileSync(path.join(root, 'http-client.private.env.json'), '{}');
    assert.equal(await wouldGitCommit(path.join(root, 'http-client.private.env.json')), false);
  });
});
