// Puts a `git` first on the extension host's PATH that writes down each call and then runs
// the real git: a test can then tell "git was not run" from "the check never happened".
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface GitWrapper {
  /** Argument lines of every git call since install, in order. */
  calls(): string[];
  uninstall(): void;
}

export function installGitWrapper(): GitWrapper {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-git-wrapper-'));
  const log = path.join(dir, 'calls.log');
  fs.writeFileSync(path.join(dir, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
  const savedPath = process.env.PATH;
  process.env.PATH = `${dir}${path.delimiter}${savedPath ?? ''}`;
  return {
    calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter((line) => line !== '') : []),
    uninstall() {
      process.env.PATH = savedPath;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A repository whose .git/config runs a command on `git check-ignore`; returns the file that command writes. */
export function initRepositoryWithFsmonitor(root: string): string {
  const marker = path.join(root, '..', `fsmonitor-ran-${path.basename(root)}`);
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['config', 'core.fsmonitor', `echo ran > '${marker}'; false`], { cwd: root });
  return marker;
}
