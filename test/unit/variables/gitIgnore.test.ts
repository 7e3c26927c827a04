import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitEnvironment, wouldGitCommit } from '../../../src/core/variables/gitIgnore';

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

// A cloned repository's .git/config is written by whoever made the repository.
describe('git runs none of the repository\'s commands', () => {
  let root: string;
  let marker: string;
  const privateFile = () => path.join(root, 'http-client.private.env.json');
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-git-'));
    marker = path.join(root, 'fsmonitor-ran');
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['config', 'core.fsmonitor', `echo ran > '${marker}'; false`], { cwd: root });
    fs.writeFileSync(privateFile(), '{}');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('plain `git check-ignore` runs core.fsmonitor (what the next tests guard against)', () => {
    try {
      execFileSync('git', ['check-ignore', '-q', privateFile()], { cwd: root, stdio: 'ignore' });
    } catch {
      // exit code 1: not ignored; only the marker matters here
    }
    assert.equal(fs.existsSync(marker), true);
  });

  it('wouldGitCommit answers "not ignored" without running core.fsmonitor', async () => {
    assert.equal(await wouldGitCommit(privateFile()), true);
    assert.equal(fs.existsSync(marker), false);
  });

  it('wouldGitCommit answers "ignored" without running core.fsmonitor', async () => {
    fs.writeFileSync(path.join(root, '.gitignore'), 'http-client.private.env.json\n');
    assert.equal(await wouldGitCommit(privateFile()), false);
    assert.equal(fs.existsSync(marker), false);
  });

  it('ignores GIT_* variables of its own environment that would point git elsewhere', async () => {
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = path.join(root, 'no-such-git-dir');
    try {
      assert.equal(await wouldGitCommit(privateFile()), true);
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });

  it('gitEnvironment drops every GIT_* variable and keeps the rest', () => {
    const env = gitEnvironment({ PATH: '/bin', HOME: '/home/u', GIT_DIR: '/x', GIT_CONFIG_COUNT: '1', git_config_parameters: "'core.fsmonitor=x'" });
    assert.deepEqual(env, { PATH: '/bin', HOME: '/home/u', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' });
  });
});
