import { execFile } from 'node:child_process';
import * as path from 'node:path';

/** Asks git itself, so every .gitignore, global excludes file and info/exclude is honoured. */
function run(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 5000 }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout: String(stdout) });
    });
  });
}

export async function gitRoot(directory: string): Promise<string | undefined> {
  const result = await run(['rev-parse', '--show-toplevel'], directory);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/** In a git work tree and not ignored. No git, or not a repository: nothing would be committed. */
export async function wouldGitCommit(file: string): Promise<boolean> {
  const directory = path.dirname(file);
  if (!(await gitRoot(directory))) return false;
  const ignored = await run(['check-ignore', '-q', file], directory);
  return ignored.code === 1;
}
